/**
 * Readers for the report files, on real parsers: csv-parse for the CSV export and saxes (a
 * conforming XML 1.0 parser, jsdom's) for the SVG chart, so a file that a spreadsheet or a
 * browser would misread fails the spec instead of being read the way it was written.
 */
import { parse } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';

/** Parses RFC 4180 CSV (CRLF records, quoted fields with "" escapes); throws on malformed quoting. */
export function parseCsv(text: string): string[][] {
  // Sections of the export have different widths; blank records separate them and are kept.
  return parse(text, {
    record_delimiter: '\r\n',
    relax_column_count: true,
    skip_empty_lines: false,
  });
}

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside the element, entities decoded. */
  text: string;
}

/** Parses a well-formed XML document into elements; throws (`XML: …`) where it is not well-formed. */
export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser();
  const open: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: tag.attributes,
      children: [],
      text: '',
    };
    open.at(-1)?.children.push(element);
    root ??= element;
    open.push(element);
  });
  parser.on('closetag', () => {
    open.pop();
  });
  const characters = (text: string): void => {
    const current = open.at(-1);
    if (current) current.text += text;
  };
  parser.on('text', characters);
  parser.on('cdata', characters);
  parser.write(source).close();
  if (error) throw new Error(`XML: ${error.message}`);
  if (!root) throw new Error('XML: no root element');
  return root;
}

/** Every element under (and including) `root` that matches. */
export function findElements(
  root: XmlElement,
  match: (element: XmlElement) => boolean,
): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (element: XmlElement): void => {
    if (match(element)) found.push(element);
    element.children.forEach(walk);
  };
  walk(root);
  return found;
}

/** A polyline's points as [x, y] pairs. */
export function polylinePoints(element: XmlElement): [number, number][] {
  return (element.attributes.points ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => pair.split(',').map(Number) as [number, number]);
}
