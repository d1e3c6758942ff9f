import { InputError } from '../../common/errors/app-error';
import { alertmanagerAuthOf, alertmanagerTarget } from './alertmanager-target';

function problem(run: () => unknown): { field: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.fields[0]!;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('alertmanagerTarget', () => {
  it('leaves the stored target alone when the input does not mention it', () => {
    expect(alertmanagerTarget('ALERTMANAGER', undefined)).toBeUndefined();
  });

  it('removes the target with null, whatever the kind', () => {
    expect(alertmanagerTarget('GRAFANA', null)).toEqual({
      alertmanagerUrl: null,
      alertmanagerAuthorization: null,
    });
  });

  it('keeps a URL without authentication, its trailing slashes dropped', () => {
    expect(alertmanagerTarget('ALERTMANAGER', { url: 'http://alertmanager:9093/' })).toEqual({
      alertmanagerUrl: 'http://alertmanager:9093',
      alertmanagerAuthorization: null,
    });
  });

  it('keeps a route prefix in the path', () => {
    expect(
      alertmanagerTarget('ALERTMANAGER', { url: 'https://ops.example.com/alertmanager/' })
        ?.alertmanagerUrl,
    ).toBe('https://ops.example.com/alertmanager');
  });

  it('stores a bearer token as the whole Authorization value', () => {
    expect(
      alertmanagerTarget('ALERTMANAGER', { url: 'https://am.example.com', bearerToken: 'tok-123' })
        ?.alertmanagerAuthorization,
    ).toBe('Bearer tok-123');
  });

  it('stores basic auth as base64 of user:password', () => {
    const stored = alertmanagerTarget('ALERTMANAGER', {
      url: 'https://am.example.com',
      basicUser: 'loopboard',
      basicPassword: 's3cret: with spaces',
    })?.alertmanagerAuthorization;
    expect(stored).toBe(`Basic ${Buffer.from('loopboard:s3cret: with spaces').toString('base64')}`);
  });

  it('refuses both kinds of authentication at once, naming the field', () => {
    expect(
      problem(() =>
        alertmanagerTarget('ALERTMANAGER', {
          url: 'https://am.example.com',
          bearerToken: 'tok',
          basicUser: 'u',
          basicPassword: 'p',
        }),
      ),
    ).toEqual({
      field: 'input.alertmanager.bearerToken',
      message: 'cannot be combined with basicUser/basicPassword: choose one kind of authentication',
    });
  });

  it('refuses half of basic auth', () => {
    expect(
      problem(() => alertmanagerTarget('ALERTMANAGER', { url: 'http://am', basicUser: 'u' })).field,
    ).toBe('input.alertmanager.basicPassword');
    expect(
      problem(() => alertmanagerTarget('ALERTMANAGER', { url: 'http://am', basicPassword: 'p' }))
        .field,
    ).toBe('input.alertmanager.basicUser');
  });

  it('refuses a user name with a colon and values that could break the header line', () => {
    expect(
      problem(() =>
        alertmanagerTarget('ALERTMANAGER', {
          url: 'http://am',
          basicUser: 'a:b',
          basicPassword: 'p',
        }),
      ).field,
    ).toBe('input.alertmanager.basicUser');
    expect(
      problem(() =>
        alertmanagerTarget('ALERTMANAGER', { url: 'http://am', bearerToken: 'tok\r\nX-Evil: 1' }),
      ).field,
    ).toBe('input.alertmanager.bearerToken');
  });

  it.each(['ftp://am.example.com', 'file:///etc/passwd', 'am.example.com:9093', 'not a url'])(
    'refuses %s as a URL',
    (url) => {
      expect(problem(() => alertmanagerTarget('ALERTMANAGER', { url })).field).toBe(
        'input.alertmanager.url',
      );
    },
  );

  it('refuses credentials, a query or a fragment in the URL', () => {
    for (const url of ['http://u:p@am:9093', 'http://am:9093/?x=1', 'http://am:9093/#x'])
      expect(problem(() => alertmanagerTarget('ALERTMANAGER', { url })).field).toBe(
        'input.alertmanager.url',
      );
  });

  it('refuses a target on integrations of other kinds', () => {
    expect(problem(() => alertmanagerTarget('GRAFANA', { url: 'http://am:9093' }))).toEqual({
      field: 'input.alertmanager',
      message: 'only ALERTMANAGER integrations send silences to Alertmanager',
    });
  });
});

describe('alertmanagerAuthOf', () => {
  it('names the kind of the stored value and nothing else', () => {
    expect(alertmanagerAuthOf(null)).toBe('NONE');
    expect(alertmanagerAuthOf('Bearer tok')).toBe('BEARER');
    expect(alertmanagerAuthOf('Basic dTpw')).toBe('BASIC');
  });
});
