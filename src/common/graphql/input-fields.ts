import { Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

/** Surrounding whitespace is never meaningful in names and titles. */
export const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

interface FieldOptions {
  nullable?: boolean;
  description?: string;
}

/** An `ID` input field that must be a UUID (`must be an id` otherwise). */
export function IdField(options: FieldOptions = {}): PropertyDecorator {
  return (target, key) => {
    Field(() => ID, { nullable: options.nullable ?? false, description: options.description })(
      target,
      key,
    );
    if (options.nullable) IsOptional()(target, key);
    IsUUID('all', { message: 'must be an id' })(target, key);
  };
}

/** A trimmed, non-empty text field of at most `max` characters (names, titles). */
export function TextField(max: number, options: FieldOptions = {}): PropertyDecorator {
  return (target, key) => {
    Field(() => String, { nullable: options.nullable ?? false, description: options.description })(
      target,
      key,
    );
    if (options.nullable) IsOptional()(target, key);
    Transform(trim)(target, key);
    IsString()(target, key);
    MinLength(1, { message: 'must not be empty' })(target, key);
    MaxLength(max)(target, key);
  };
}
