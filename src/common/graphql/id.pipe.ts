import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { InputError } from '../errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Rejects ids that cannot exist (not a UUID) as BAD_USER_INPUT naming the argument. */
@Injectable()
export class ParseIdPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (value === null || value === undefined) return value;
    if (!isUuid(value)) throw InputError.field(metadata.data ?? 'id', 'must be an id');
    return value.toLowerCase();
  }
}

/** `@IdArg()` → a required `id: ID!` argument, validated. */
export function IdArg(
  name = 'id',
  options: { nullable?: boolean; description?: string } = {},
): ParameterDecorator {
  return Args(
    name,
    { type: () => ID, nullable: options.nullable ?? false, description: options.description },
    ParseIdPipe,
  );
}
