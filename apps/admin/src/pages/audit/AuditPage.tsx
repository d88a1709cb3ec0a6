import { createResource, createSignal, For, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../router/index.tsx';
import type { ChapterPageProps } from '../../routes.tsx';
import { actionLabels, detailLabels, detailPairs } from './actions.ts';

const text = {
  title: { en: 'Audit log', fr: 'Journal d’audit' },
  lead: {
    en: 'Who exported, imported, erased, broadcast, changed roles — everything that touches people’s data.',
    fr: 'Qui a exporté, importé, effacé, envoyé, changé des rôles — tout ce qui touche aux données des personnes.',
  },
  action: { en: 'Action', fr: 'Action' },
  any: { en: 'Any', fr: 'Toutes' },
  from: { en: 'From', fr: 'Du' },
  to: { en: 'To', fr: 'Au' },
  apply: { en: 'Apply', fr: 'Appliquer' },
  when: { en: 'When', fr: 'Quand' },
  who: { en: 'Who', fr: 'Qui' },
  what: { en: 'What', fr: 'Quoi' },
  details: { en: 'Details', fr: 'Détails' },
  system: { en: 'the person themself / the system', fr: 'la personne / le système' },
  none: { en: 'Nothing recorded.', fr: 'Rien d’inscrit.' },
  more: { en: 'Older entries', fr: 'Plus anciennes' },
  person: { en: 'The person', fr: 'La personne' },
} as const;

/** `/c/:chapter/audit`: the chapter's audit log with filters (organizers and owners). */
export function AuditPage(props: ChapterPageProps) {
  const { pick, formatDateTime, locale } = useI18n();
  const colon = () => (locale() === 'fr' ? '\u00a0: ' : ': ');
  const api = useApi();
  const [filters, setFilters] = createSignal<{ action?: string; from?: string; to?: string }>({});
  const [cursor, setCursor] = createSignal<string>();
  const label = (action: string) => {
    const words = actionLabels[action];
    return words ? pick(words) : action;
  };
  const [page] = createResource(
    () => ({
      chapterId: props.chapter.chapterId,
      ...filters(),
      ...(cursor() ? { cursor: cursor() } : {}),
    }),
    (key) => api.audit.list.query(key),
  );
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const v = (k: string) => String(data.get(k) ?? '').trim();
    setCursor(undefined);
    setFilters({
      ...(v('action') ? { action: v('action') } : {}),
      ...(v('from') ? { from: v('from') } : {}),
      ...(v('to') ? { to: v('to') } : {}),
    });
  };
  return (
    <Page title={`${pick(text.title)} · ${props.chapter.name}`} lead={<p>{pick(text.lead)}</p>}>
      <form class="filters" onSubmit={apply}>
        <div class="field">
          <label for="audit-action">{pick(text.action)}</label>
          <select id="audit-action" name="action">
            <option value="">{pick(text.any)}</option>
            <For each={page.latest?.actions ?? []}>
              {(a) => <option value={a}>{label(a)}</option>}
            </For>
          </select>
        </div>
        <div class="field">
          <label for="audit-from">{pick(text.from)}</label>
          <input id="audit-from" name="from" type="date" />
        </div>
        <div class="field">
          <label for="audit-to">{pick(text.to)}</label>
          <input id="audit-to" name="to" type="date" />
        </div>
        <button type="submit">{pick(text.apply)}</button>
      </form>
      <Show when={page.latest} fallback={<Loading />}>
        {(p) => (
          <Show when={p().items.length > 0} fallback={<p>{pick(text.none)}</p>}>
            <table class="table audit-table">
              <thead>
                <tr>
                  <th scope="col">{pick(text.when)}</th>
                  <th scope="col">{pick(text.who)}</th>
                  <th scope="col">{pick(text.what)}</th>
                  <th scope="col">{pick(text.details)}</th>
                </tr>
              </thead>
              <tbody>
                <For each={p().items}>
                  {(line) => (
                    <tr>
                      <td>{formatDateTime(line.createdAt)}</td>
                      <td>
                        {line.actor
                          ? `${line.actor.name} <${line.actor.email}>`
                          : pick(text.system)}
                      </td>
                      <th scope="row">
                        {label(line.action)}
                        <Show when={actionLabels[line.action]}>
                          {' '}
                          <code class="hint">{line.action}</code>
                        </Show>
                      </th>
                      <td>
                        <For each={detailPairs(line.details)}>
                          {([name, value]) => (
                            <div>
                              <Show when={name}>
                                {detailLabels[name] ? pick(detailLabels[name]) : name}
                                {colon()}
                              </Show>
                              {value}
                            </div>
                          )}
                        </For>
                        <Show when={line.action.startsWith('person.') && line.target}>
                          <div>
                            <Link to={`/c/${props.chapter.slug}/people?person=${line.target}`}>
                              {pick(text.person)}
                            </Link>
                          </div>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={p().nextCursor}>
              <button type="button" onClick={() => setCursor(p().nextCursor ?? undefined)}>
                {pick(text.more)}
              </button>
            </Show>
          </Show>
        )}
      </Show>
    </Page>
  );
}
