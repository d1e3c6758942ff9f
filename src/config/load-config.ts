import { AppConfig } from './app-config';
import { validateEnvironment } from './environment';

/** Builds the configuration from an environment (process.env in production, explicit in tests). */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  return new AppConfig(validateEnvironment(env));
}
