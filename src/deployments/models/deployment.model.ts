import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DeploymentCommitsSource, DeploymentStatus } from '../../common/graphql/enums';

@ObjectType({ description: 'A commit a deployment brought.' })
export class DeploymentCommit {
  @Field()
  sha!: string;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => Date, { nullable: true })
  authoredAt!: Date | null;
}

@ObjectType({
  description:
    'A release of a service to an environment, reported by a GITHUB, GITLAB or GENERIC_DEPLOYMENT integration.',
})
export class Deployment {
  @Field(() => ID)
  id!: string;

  teamId!: string;

  @Field(() => ID, { description: 'The integration that reported it.' })
  integrationId!: string;

  @Field({ description: "The source's id of the deployment (its events are merged by it)." })
  externalId!: string;

  @Field()
  service!: string;

  @Field()
  environment!: string;

  @Field({ description: 'The version or ref deployed.' })
  version!: string;

  @Field(() => String, { nullable: true, description: 'The branch or ref deployed from.' })
  ref!: string | null;

  @Field(() => String, { nullable: true })
  commitSha!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The repository or project deployed (GitHub's owner/name, GitLab's group/project): its pushes give the commits of deployments that name only a sha.",
  })
  repository!: string | null;

  @Field(() => DeploymentCommitsSource, {
    nullable: true,
    description:
      "How the commits were obtained: listed by the payload, the deployed commit alone, or worked out from the repository's pushes since the previous successful deployment of the service and environment. Null while none are known.",
  })
  commitsSource!: DeploymentCommitsSource | null;

  @Field(() => DeploymentStatus)
  status!: DeploymentStatus;

  @Field({ description: 'When the source recorded the current status.' })
  statusAt!: Date;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true })
  url!: string | null;

  rollbackOfRef!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType({
  description:
    'The deployment an alert card is thought to come from: suspected when the card was created, or confirmed by the team (setIncidentCause).',
})
export class IncidentCause {
  taskId!: string;
  deploymentId!: string;

  @Field({ description: 'Confirmed by the team: counts as caused-by in reports.' })
  confirmed!: boolean;

  @Field(() => Date, { nullable: true })
  confirmedAt!: Date | null;

  @Field(() => String, { nullable: true })
  confirmedBy!: string | null;

  @Field({ description: 'When the link was made.' })
  createdAt!: Date;
}
