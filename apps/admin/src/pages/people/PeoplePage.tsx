import { createEffect, createMemo, createResource, createSignal, For, on, Show } from 'solid-js';
import type { Api } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { DateRangeFields, SearchField, SortField } from '../../components/DateRangeFields.tsx';
import { ExportLink } from '../../components/ExportLink.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { createPages, Pager, PageStatus } from '../../components/Pager.tsx';
import { useUrlFilters } from '../../components/url-filters.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Link, useLocation } from '../../router/index.tsx';
import type { ChapterPageProps } from '../../routes.tsx';
import { hasRole } from '../../session/index.tsx';
import { PersonView } from './PersonView.tsx';
import { RetentionSection, TagsSection } from './sections.tsx';
import { text } from './strings.ts';

type Query = Parameters<Api['people']['list']['query']>[0];
export type PeopleFilters = Omit<Query, 'chapterId' | 'cursor' | 'limit'>;
const sorts = {
  newest: { sort: 'created', order: 'desc' },
  oldest: { sort: 'created', order: 'asc' },
  nameAz: { sort: 'name', order: 'asc' },
  emailAz: { sort: 'email', order: 'asc' },
} as const;
const filterKeys = ['search', 'pledgeId', 'tagId', 'consent', 'source', 'from', 'to'] as const;
const sourceWords = {
  pledge: text.sourcePledge,
  event: text.sourceEvent,
  import: text.sourceImport,
};

/**
 * The chapter's people: `/c/:chapter/people` (list, filters, bulk tagging, export, tags,
 * retention) and `?person=<id>` (one person).
 */
export function PeoplePage(props: ChapterPageProps) {
  const location = useLocation();
  return (
    <Show when={location().search.get('person')} keyed fallback={<PeopleList {...props} />}>
      {(id) => <PersonView chapter={props.chapter} personId={id} />}
    </Show>
  );
}

function PeopleList(props: ChapterPageProps) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const chapterId = () => props.chapter.chapterId;
  const canEdit = () => hasRole(props.chapter.role, 'organizer');
  // Kept in the address: a reload, the way back from a person and a shared link keep them.
  const url = useUrlFilters([...filterKeys, 'sort']);
  const filters = createMemo<PeopleFilters>(() => {
    const { sort: sortKey, ...rest } = url.values();
    const sort = sorts[(sortKey ?? 'newest') as keyof typeof sorts] ?? sorts.newest;
    return { ...(rest as PeopleFilters), ...sort };
  });
  const pages = createPages();
  createEffect(on(filters, () => pages.reset(), { defer: true }));
  const [people, { refetch }] = createResource(
    () => ({ chapterId: chapterId(), ...filters(), cursor: pages.cursor(), limit: 50 }),
    (key) => api.people.list.query(key),
  );
  // The tags section's counts follow bulk tagging here.
  const [tagsVersion, setTagsVersion] = createSignal(0);
  const [tags, tagsActions] = createResource(chapterId, (id) =>
    api.tags.list.query({ chapterId: id }),
  );
  const [pledges] = createResource(chapterId, (id) => api.pledges.list.query({ chapterId: id }));
  const [bulkMessage, setBulkMessage] = createSignal('');
  // The server counts with the first page only; later pages show that total.
  const [total, setTotal] = createSignal({ count: 0, capped: false });
  createEffect(() => {
    const p = people.latest;
    if (p && typeof p.total === 'number') setTotal({ count: p.total, capped: p.totalCapped });
  });

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const next: Record<string, string> = {};
    for (const key of filterKeys) next[key] = value(key);
    url.apply({ ...next, sort: value('sort') === 'newest' ? '' : value('sort') });
  };
  const onlyFilter = (): PeopleFilters => {
    const f = filters() as Record<string, unknown>;
    return Object.fromEntries(
      filterKeys.flatMap((k) => (f[k] ? [[k, f[k]]] : [])),
    ) as PeopleFilters;
  };
  const exportHref = () => {
    const q = new URLSearchParams({ chapterId: chapterId() });
    for (const [k, v] of Object.entries(onlyFilter())) q.set(k, String(v));
    return `/admin/api/people.csv?${q}`;
  };
  const bulk = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const submitter = (event.submitter as HTMLButtonElement | null)?.value ?? 'add';
    const tagId = String(data.get('tagId') ?? '');
    if (!tagId) return;
    try {
      const result = await api.tags.tagPeople.mutate({
        chapterId: chapterId(),
        tagId,
        action: submitter === 'remove' ? 'remove' : 'add',
        filter: onlyFilter(),
      });
      setBulkMessage(pick(text.bulkDone, { count: result.changed }));
      tagsActions.refetch();
      setTagsVersion((v) => v + 1);
      refetch();
    } catch (error) {
      setBulkMessage(errorMessageOf(error, i18n));
    }
  };
  const id = (name: string) => `people-${name}`;
  const base = () => `/c/${props.chapter.slug}/people`;

  return (
    <Page title={`${pick(text.title)} · ${props.chapter.name}`} lead={<p>{pick(text.lead)}</p>}>
      <form class="filters" onSubmit={apply}>
        <SearchField id={id('search')} label={pick(text.search)} value={url.values().search} />
        <div class="field">
          <label for={id('pledgeId')}>{pick(text.pledge)}</label>
          <select id={id('pledgeId')} name="pledgeId">
            <option value="">{pick(text.any)}</option>
            <For each={pledges.latest ?? []}>
              {(p) => (
                <option value={p.id} selected={url.values().pledgeId === p.id}>
                  {p.title}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label for={id('tagId')}>{pick(text.tag)}</label>
          <select id={id('tagId')} name="tagId">
            <option value="">{pick(text.any)}</option>
            <For each={tags.latest ?? []}>
              {(t) => (
                <option value={t.id} selected={url.values().tagId === t.id}>
                  {t.name}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label for={id('consent')}>{pick(text.consent)}</label>
          <select id={id('consent')} name="consent">
            <option value="">{pick(text.any)}</option>
            <option value="yes" selected={url.values().consent === 'yes'}>
              {pick(text.yes)}
            </option>
            <option value="no" selected={url.values().consent === 'no'}>
              {pick(text.no)}
            </option>
          </select>
        </div>
        <div class="field">
          <label for={id('source')}>{pick(text.source)}</label>
          <select id={id('source')} name="source">
            <option value="">{pick(text.any)}</option>
            <For each={['pledge', 'event', 'import'] as const}>
              {(source) => (
                <option value={source} selected={url.values().source === source}>
                  {pick(sourceWords[source])}
                </option>
              )}
            </For>
          </select>
        </div>
        <DateRangeFields
          id={id}
          from={pick(text.from)}
          to={pick(text.to)}
          values={{ from: url.values().from, to: url.values().to }}
        />
        <SortField
          id={id('sort')}
          label={pick(text.sort)}
          values={Object.keys(sorts)}
          labelOf={(s) => pick(text[s as keyof typeof sorts])}
          selected={url.values().sort}
        />
        <button type="submit">{pick(text.apply)}</button>
      </form>
      <Show when={canEdit()}>
        <ExportLink href={exportHref()} label={pick(text.export)} hint={pick(text.exportHint)} />
        <form class="filters" onSubmit={bulk} aria-labelledby={id('bulk')}>
          <h2 id={id('bulk')}>{pick(text.bulkTitle)}</h2>
          <div class="field">
            <label for={id('bulk-tag')}>{pick(text.tag)}</label>
            <select id={id('bulk-tag')} name="tagId">
              <For each={tags.latest ?? []}>{(t) => <option value={t.id}>{t.name}</option>}</For>
            </select>
          </div>
          <button type="submit" value="add">
            {pick(text.bulkAdd)}
          </button>
          <button type="submit" value="remove">
            {pick(text.bulkRemove)}
          </button>
          <p role="status">{bulkMessage()}</p>
        </form>
      </Show>
      <Show when={people.error}>
        <p class="error-summary" role="alert">
          {errorMessageOf(people.error, i18n)}
        </p>
      </Show>
      <Show when={people.latest} fallback={<Loading />}>
        {(result) => (
          <>
            <PageStatus
              count={pick(total().capped ? text.resultsMore : text.results, {
                count: total().count,
              })}
              page={pick(text.pageN, { n: pages.page() + 1 })}
            />
            <ListTable
              columns={[
                pick(text.colName),
                pick(text.colEmail),
                pick(text.colPostal),
                pick(text.colConsent),
                pick(text.colAdded),
              ]}
              items={result().items}
              empty={pick(text.none)}
            >
              {(p) => (
                <tr>
                  <th scope="row">
                    <Link to={`${base()}?person=${encodeURIComponent(p.id)}`}>
                      {p.name ?? pick(text.noName)}
                    </Link>
                  </th>
                  <td>{p.email}</td>
                  <td>{p.postalCode ?? ''}</td>
                  <td>{p.consent ? pick(text.yes) : pick(text.no)}</td>
                  <td>{i18n.formatDateTime(p.createdAt)}</td>
                </tr>
              )}
            </ListTable>
            <Pager
              label={pick(text.title)}
              previous={pick(text.previous)}
              next={pick(text.next)}
              first={pages.page() === 0}
              hasNext={Boolean(result().nextCursor)}
              onPrevious={pages.previous}
              onNext={() => pages.next(people.latest?.nextCursor)}
            />
          </>
        )}
      </Show>
      <TagsSection
        chapter={props.chapter}
        version={tagsVersion()}
        onChange={() => tagsActions.refetch()}
      />
      <RetentionSection chapter={props.chapter} />
    </Page>
  );
}
