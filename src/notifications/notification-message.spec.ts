import { slackMessage, type NotificationPayload } from './notification-message';

const payload: NotificationPayload = {
  event: {
    id: '0b6c1b0e-6f6a-4f43-9a36-1f3e0c1d2e3f',
    type: 'alert_card.created',
    occurredAt: '2026-12-07T10:00:00.000Z',
    team: { id: 't', key: 'SRE', name: 'Site reliability' },
    data: {},
  },
  summary: 'SRE-42 HighErrorRate <api> & friends',
  link: 'https://loopboard.example.com/teams/SRE/board?card=SRE-42',
  facts: [
    ['Priority', 'URGENT'],
    ['Environment', 'production'],
  ],
};

describe('slackMessage', () => {
  it('says what happened in text, with a link, for clients that show no blocks', () => {
    expect(slackMessage(payload).text).toBe(
      'New alert card · SRE: SRE-42 HighErrorRate &lt;api&gt; &amp; friends <https://loopboard.example.com/teams/SRE/board?card=SRE-42|Open>',
    );
  });

  it('lays out the summary, the facts and a button in blocks, escaping mrkdwn', () => {
    const { blocks } = slackMessage(payload) as { blocks: Record<string, unknown>[] };
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions']);
    expect(blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'SRE-42 HighErrorRate &lt;api&gt; &amp; friends' },
    });
    expect(blocks[2]).toEqual({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: '*Priority*\nURGENT' },
        { type: 'mrkdwn', text: '*Environment*\nproduction' },
      ],
    });
  });

  it('leaves out the facts and the button when there are none', () => {
    const message = slackMessage({ ...payload, link: null, facts: [] });
    expect(message.text).toBe(
      'New alert card · SRE: SRE-42 HighErrorRate &lt;api&gt; &amp; friends',
    );
    expect((message.blocks as unknown[]).length).toBe(2);
  });
});
