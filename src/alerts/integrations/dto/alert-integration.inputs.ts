import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  ValidationArguments,
} from 'class-validator';
import {
  AlertDedupBy,
  AlertKind,
  AlertSeverity,
  TaskPriority,
} from '../../../common/graphql/enums';
import { regexProblem } from '../alert-rules';
import { IdField, TextField, trim } from '../../../common/graphql/input-fields';

export const MATCH_OPS = ['EQ', 'NEQ', 'REGEX', 'NOT_REGEX'] as const;
const MAX_RULES = 50;
const MAX_MATCHERS = 20;

@ValidatorConstraint({ name: 'matcherRegex' })
class MatcherRegex implements ValidatorConstraintInterface {
  private problem: string | null = null;

  validate(value: unknown, args: ValidationArguments): boolean {
    const op = (args.object as { op?: string }).op;
    if (op !== 'REGEX' && op !== 'NOT_REGEX') return true;
    this.problem = typeof value === 'string' ? regexProblem(value) : 'must be a string';
    return this.problem === null;
  }

  defaultMessage(): string {
    return `is not a valid regular expression: ${this.problem ?? ''}`;
  }
}

@InputType()
export class LabelMatcherInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  label!: string;

  @Field(() => String, { description: 'EQ, NEQ, REGEX or NOT_REGEX.' })
  @IsIn(MATCH_OPS, { message: `must be one of ${MATCH_OPS.join(', ')}` })
  op!: string;

  @Field()
  @IsString()
  @MaxLength(200)
  @Validate(MatcherRegex)
  value!: string;
}

@InputType()
export class IgnoreRuleInput {
  @Field(() => [LabelMatcherInput])
  @ArrayMaxSize(MAX_MATCHERS)
  @ValidateNested({ each: true })
  @Type(() => LabelMatcherInput)
  matchers!: LabelMatcherInput[];
}

@InputType()
export class PriorityOverrideInput {
  @Field(() => [LabelMatcherInput])
  @ArrayMaxSize(MAX_MATCHERS)
  @ValidateNested({ each: true })
  @Type(() => LabelMatcherInput)
  matchers!: LabelMatcherInput[];

  @Field(() => TaskPriority)
  @IsEnum(TaskPriority)
  priority!: TaskPriority;
}

@InputType()
export class ColumnRouteInput {
  @Field(() => [LabelMatcherInput])
  @ArrayMaxSize(MAX_MATCHERS)
  @ValidateNested({ each: true })
  @Type(() => LabelMatcherInput)
  matchers!: LabelMatcherInput[];

  @IdField()
  columnId!: string;
}

@InputType()
export class AlertRulesInput {
  @Field(() => [IgnoreRuleInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_RULES)
  @ValidateNested({ each: true })
  @Type(() => IgnoreRuleInput)
  ignore?: IgnoreRuleInput[];

  @Field(() => AlertSeverity, {
    nullable: true,
    description: 'Alerts below this severity are ignored.',
  })
  @IsOptional()
  @IsEnum(AlertSeverity)
  minSeverity?: AlertSeverity | null;

  @Field(() => [PriorityOverrideInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_RULES)
  @ValidateNested({ each: true })
  @Type(() => PriorityOverrideInput)
  priorityOverrides?: PriorityOverrideInput[];

  @Field(() => [ColumnRouteInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_RULES)
  @ValidateNested({ each: true })
  @Type(() => ColumnRouteInput)
  routes?: ColumnRouteInput[];
}

@InputType({
  description:
    "Where won't-fix closes are sent as silences, and how to authenticate: a bearer token or basic auth, not both.",
})
export class AlertmanagerTargetInput {
  @Field({ description: 'Base URL of Alertmanager, e.g. http://alertmanager:9093.' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @Field(() => String, { nullable: true, description: 'Sent as Authorization: Bearer <token>.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  bearerToken?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  basicUser?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  basicPassword?: string | null;
}

@InputType({ isAbstract: true })
class IntegrationSettingsInput {
  @Field(() => ID, {
    nullable: true,
    description: "Board for new cards; default: the team's first board.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  boardId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Column for new cards; default: the board's TRIAGE column, else its first.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  columnId?: string | null;

  @Field(() => AlertDedupBy, { nullable: true })
  @IsOptional()
  @IsEnum(AlertDedupBy)
  dedupBy?: AlertDedupBy;

  @Field(() => Int, { nullable: true, description: 'Default 1440 (a day); 0 never reopens.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(525600)
  reopenWindowMinutes?: number;

  @Field(() => AlertRulesInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AlertRulesInput)
  rules?: AlertRulesInput;

  @Field(() => ID, {
    nullable: true,
    description: 'When an alert resolves, move its card here if nobody started it.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  resolveColumnId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "GRAFANA and PAGERDUTY: key for HMAC-SHA256 signed deliveries. GITHUB (required): the webhook's secret.",
  })
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  @MaxLength(512)
  hmacSecret?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'GRAFANA: header carrying the signed timestamp.',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,100}$/, { message: 'must be an HTTP header name' })
  hmacTimestampHeader?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "GITHUB, GITLAB, GENERIC_DEPLOYMENT: the service deployments are of, unless a GitHub deployment's payload or a generic body names one (default: the repository's name, GitLab's project path).",
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  service?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Alert kinds: a new card suspects the last successful deployment of its service and environment that finished at most this many minutes before the alert started. Default 60; 0 turns it off.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10080)
  suspectWindowMinutes?: number;
  @Field(() => AlertmanagerTargetInput, {
    nullable: true,
    description: 'ALERTMANAGER: send silences for won’t-fix cards there; null stops.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AlertmanagerTargetInput)
  alertmanager?: AlertmanagerTargetInput | null;
}

@InputType()
export class CreateAlertIntegrationInput extends IntegrationSettingsInput {
  @IdField()
  teamId!: string;

  @Field(() => AlertKind)
  @IsEnum(AlertKind)
  kind!: AlertKind;

  @TextField(200)
  name!: string;
}

@InputType()
export class UpdateAlertIntegrationInput extends IntegrationSettingsInput {
  @TextField(200, { nullable: true })
  name?: string;
}

export { IntegrationSettingsInput };
