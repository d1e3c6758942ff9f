import { ValidateBy, ValidationOptions } from 'class-validator';

export function isPostgresUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'postgresql:' || url.protocol === 'postgres:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function IsPostgresUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isPostgresUrl', validator: { validate: isPostgresUrl } }, options);
}
