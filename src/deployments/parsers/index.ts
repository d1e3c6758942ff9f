import { PayloadError } from '../../alerts/parsers/normalized-alert';
import { parseGenericDeploymentPayload } from './generic-deployment.parser';
import { parseGithubPayload } from './github.parser';
import { parseGitlabPayload } from './gitlab.parser';
import type {
  DeploymentEvent,
  DeploymentKind,
  DeploymentParseInput,
  NormalizedDeployment,
} from './normalized-deployment';

export * from './normalized-deployment';

/**
 * Turns a deployment webhook into a deployment event. Throws PayloadError, and nothing else, for
 * a body that is not of the kind's shape; the caller answers 400 with its path and message.
 */
export function parseDeploymentPayload(
  kind: DeploymentKind,
  input: DeploymentParseInput,
): DeploymentEvent {
  switch (kind) {
    case 'GITHUB':
      return parseGithubPayload(input);
    case 'GITLAB':
      return parseGitlabPayload(input);
    case 'GENERIC_DEPLOYMENT':
      return parseGenericDeploymentPayload(input);
    default: {
      const unknownKind: never = kind;
      throw new Error(`Unknown deployment kind ${String(unknownKind)}`);
    }
  }
}

/**
 * The service a deployment is of: the payload's, else the integration's, else the repository or
 * project it came from.
 */
export function serviceOf(
  deployment: NormalizedDeployment,
  integrationService: string | null,
): string {
  const service = deployment.service ?? integrationService ?? deployment.defaultService;
  if (service === null)
    throw new PayloadError('service', 'service is required (or set one on the integration)');
  return service;
}
