import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { FieldProblem, InputError } from './app-error';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

/**
 * class-validator for every argument whose type is a class: failures become BAD_USER_INPUT
 * naming each failing field by its path (`input.title`, `input.columns[2].wipLimit`).
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only client input is validated: @Parent, @Context and @Info values (type 'custom') are the
    // server's own objects — validating them would copy every card of a board on each field.
    if (metadata.type === 'custom') return value;
    const type = metadata.metatype;
    if (!type || PRIMITIVES.has(type) || value === null || value === undefined) return value;
    if (typeof value !== 'object') return value;
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance, {
      forbidUnknownValues: false,
      validationError: { target: false },
    });
    if (errors.length > 0) throw new InputError(flatten(errors, metadata.data ?? ''));
    return instance;
  }
}

export function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const path =
      prefix === ''
        ? segment
        : segment.startsWith('[')
          ? `${prefix}${segment}`
          : `${prefix}.${segment}`;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({
        field: path,
        message: message.replace(new RegExp(`^${escape(error.property)} `), ''),
      });
    }
    if (error.children?.length) out.push(...flatten(error.children, path));
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
