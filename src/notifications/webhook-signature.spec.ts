import { Webhook } from 'standardwebhooks';
import { newSigningSecret, signatureHeaders, signWebhook } from './webhook-signature';

describe('Standard Webhooks signatures', () => {
  it('verify with the standardwebhooks package', () => {
    const secret = newSigningSecret();
    const body = JSON.stringify({ id: 'evt_1', type: 'sla.breached', data: { a: 1 } });
    const headers = signatureHeaders(secret, 'evt_1', body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fail verification when the body or the key differs', () => {
    const secret = newSigningSecret();
    const headers = signatureHeaders(secret, 'evt_2', '{"a":1}');
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify('{"a":1}', headers)).toThrow();
  });

  it('match the specification example', () => {
    // The example of the Standard Webhooks specification (spec/standard-webhooks.md).
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('keys are 32 random bytes in base64 behind whsec_', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(secret);
  });
});
