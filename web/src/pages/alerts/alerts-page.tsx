import { ObjectListLayout } from '../../shell/object-list';
import { useState } from 'react';
import { useQuery } from 'urql';
import { useLocation, useSearch } from 'wouter';
import { useTeam } from '../../shell/team-context';
import { KIND_NAMES, when, type Integration } from './alerts-format';
import { AlertIntegrations } from './alerts-queries';
import { CreateIntegrationDialog } from './create-integration-dialog';
import { IntegrationDetail, type ShownToken } from './integration-detail';
import './alerts.css';

/**
 * The team's alert integrations (one open, ?integration=<id>): the webhook URL and its
 * credentials, the rules, the tool's configuration snippets, the deliveries inbox; creating one.
 * A token issued here lives in this page's state only (never the URL, storage or logs).
 */
export function AlertsPage() {
  const team = useTeam();
  const [{ data, error, fetching }] = useQuery({
    query: AlertIntegrations,
    variables: { teamId: team.id },
  });
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ShownToken | null>(null);
  // The answers of this page's mutations (and integrations it created), newer than the list.
  const [changed, setChanged] = useState<Record<string, Integration>>({});
  const [, navigate] = useLocation();
  const selectedId = new URLSearchParams(useSearch()).get('integration');

  const listed = data?.alertIntegrations ?? [];
  const integrations = [
    ...listed.map((i) => changed[i.id] ?? i),
    ...Object.values(changed).filter((c) => !listed.some((i) => i.id === c.id)),
  ];
  const selected = integrations.find((i) => i.id === selectedId) ?? integrations[0];
  const keep = (integration: Integration) =>
    setChanged((c) => ({ ...c, [integration.id]: integration }));

  return (
    <main className="page alerts-page" id="main">
      <div className="alerts-head">
        <h1 className="page-title">Alerts</h1>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          New integration
        </button>
      </div>
      {error && !data && (
        <div className="notice notice-error" role="alert">
          The integrations could not be loaded: {error.message}
        </div>
      )}
      {fetching && !data && (
        <p className="page-message" role="status">
          Loading the integrations…
        </p>
      )}
      {data && integrations.length === 0 && (
        <div className="notice">
          <p>
            {team.name} has no alert integration yet. Create one for each monitoring tool that
            should turn alerts into cards: Prometheus Alertmanager, Grafana, Kapacitor, PagerDuty or
            anything that can POST JSON.
          </p>
        </div>
      )}
      {integrations.length > 0 && (
        <ObjectListLayout
          label="Integrations"
          items={integrations.map((i) => ({
            id: i.id,
            name: i.name,
            meta: `${KIND_NAMES[i.kind]} · ${i.lastDeliveryAt ? `last delivery ${when(i.lastDeliveryAt)}` : 'no delivery yet'}`,
          }))}
          selectedId={selected?.id}
          hrefOf={(id) => `/alerts?integration=${encodeURIComponent(id)}`}
        >
          {selected && (
            <IntegrationDetail
              key={selected.id}
              integration={selected}
              shown={shown?.integrationId === selected.id ? shown : null}
              onToken={setShown}
              onChanged={keep}
            />
          )}
        </ObjectListLayout>
      )}
      {creating && (
        <CreateIntegrationDialog
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setShown({
              integrationId: created.integration.id,
              token: created.token,
              title: `Token of ${created.integration.name}`,
            });
            keep(created.integration);
            navigate(`/alerts?integration=${encodeURIComponent(created.integration.id)}`);
          }}
        />
      )}
    </main>
  );
}
