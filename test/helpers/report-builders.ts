/**
 * Kept only for the unit specs in src/reports, which import the file readers and the sample
 * report from here; e2e specs import the modules themselves. Point those two specs at
 * report-files.ts and sample-report.ts, then delete this file.
 */
export { findElements, parseCsv, parseXml, polylinePoints, type XmlElement } from './report-files';
export { sampleReport } from './sample-report';
