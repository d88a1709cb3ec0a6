import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import type { Membership } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { EmbedSnippet } from '../../components/EmbedSnippet.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link, useLocation } from '../../router/index.tsx';
import { hasRole } from '../../session/index.tsx';
import type { Pledge } from './model.ts';
import { PledgeForm } from './PledgeForm.tsx';
import { StatusBadge } from './parts.tsx';
import { SignatureDetail } from './SignatureDetail.tsx';
import { SignaturesTable } from './SignaturesTable.tsx';
import { StatsView } from './StatsView.tsx';
import { text } from './strings.ts';

type View = 'signatures' | 'stats' | 'edit' | 'embed';

/** One pledge: status and actions, then its signatures, statistics or edit form. */
export function PledgeView(props: { chapter: Membership; pledgeId: string }) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const location = useLocation();
  const [problem, setProblem] = createSignal('');
  const [notice, setNotice] = createSignal('');
  const [data, { refetch, mutate }] = createResource(
    () => ({ chapterId: props.chapter.chapterId, pledgeId: props.pledgeId }),
    (key) => api.pledges.get.query(key),
  );
  const canEdit = () => hasRole(props.chapter.role, 'organizer');
  const view = (): View => {
    const v = location().search.get('view');
    return v === 'stats' || v === 'embed' || (v === 'edit' && canEdit()) ? v : 'signatures';
  };
  const signatureId = () => location().search.get('signature');
  const base = () => `/c/${props.chapter.slug}/pledges?pledge=${props.pledgeId}`;
  // The signatures tab with the filters in the address, to or from one signature.
  const signaturesHref = (signature?: string) => {
    const q = new URLSearchParams(location().search);
    q.set('view', 'signatures');
    if (signature) q.set('signature', signature);
    else q.delete('signature');
    return `/c/${props.chapter.slug}/pledges?${q}`;
  };
  const title = (p: Pledge) => p.translations[p.defaultLocale]?.title ?? p.slug;

  const setStatus = async (action: 'publish' | 'close') => {
    setProblem('');
    setNotice('');
    try {
      await api.pledges[action].mutate({
        chapterId: props.chapter.chapterId,
        pledgeId: props.pledgeId,
      });
      await refetch();
      setNotice(pick(action === 'publish' ? text.published : text.closed));
    } catch (error) {
      setProblem(errorMessageOf(error, i18n));
    }
  };

  const tabs: Array<{ view: View; label: keyof typeof text; organizer?: boolean }> = [
    { view: 'signatures', label: 'tabSignatures' },
    { view: 'stats', label: 'tabStats' },
    { view: 'edit', label: 'tabEdit', organizer: true },
    { view: 'embed', label: 'tabEmbed' },
  ];

  return (
    <Show
      when={!data.error}
      fallback={
        <Page title={pick(text.notFound)}>
          <p>
            <Link to={`/c/${props.chapter.slug}/pledges`}>← {pick(text.back)}</Link>
          </p>
        </Page>
      }
    >
      <Show when={data.latest} fallback={<Loading />}>
        {(d) => (
          <Page title={`${title(d().pledge)} · ${props.chapter.name}`}>
            <p>
              <Link to={`/c/${props.chapter.slug}/pledges`}>← {pick(text.back)}</Link>
            </p>
            <div class="pledge-header">
              <StatusBadge status={d().pledge.status} />
              <span>
                {pick(text.countOf, { count: d().confirmed + d().pending, goal: d().pledge.goal })}
              </span>
              <Show when={d().pledge.status !== 'draft'}>
                <a href={d().publicUrl} target="_blank" rel="noopener">
                  {pick(text.publicPage)}
                </a>
              </Show>
              <Show when={canEdit()}>
                <Show when={d().pledge.status !== 'live'}>
                  <button type="button" class="primary" onClick={() => void setStatus('publish')}>
                    {pick(d().pledge.status === 'closed' ? text.reopen : text.publish)}
                  </button>
                </Show>
                <Show when={d().pledge.status === 'live'}>
                  <button
                    type="button"
                    class="danger"
                    onClick={() =>
                      window.confirm(pick(text.confirmClose)) && void setStatus('close')
                    }
                  >
                    {pick(text.close)}
                  </button>
                </Show>
              </Show>
            </div>
            <Show when={!canEdit()}>
              <p class="notice">{pick(text.readOnly)}</p>
            </Show>
            <p class="form-status" role="status">
              {notice()}
            </p>
            <p class="error-summary" role="alert" classList={{ hidden: !problem() }}>
              {problem()}
            </p>
            <Tabs
              label={pick(text.title)}
              tabs={tabs.filter((t) => !t.organizer || canEdit())}
              href={(v) => `${base()}&view=${v}`}
              current={view()}
              labelOf={(tab) => pick(text[tab.label])}
            />
            <Switch>
              <Match when={view() === 'edit'}>
                <PledgeForm
                  chapterId={props.chapter.chapterId}
                  pledge={d().pledge}
                  onSaved={(pledge) => mutate({ ...d(), pledge })}
                />
              </Match>
              <Match when={view() === 'embed'}>
                <EmbedSnippet slug={d().pledge.slug} published={d().pledge.status !== 'draft'} />
              </Match>
              <Match when={view() === 'stats'}>
                <StatsView chapterId={props.chapter.chapterId} pledgeId={props.pledgeId} />
              </Match>
              <Match when={signatureId()}>
                {(id) => (
                  <SignatureDetail
                    chapterId={props.chapter.chapterId}
                    signatureId={id()}
                    pledge={d().pledge}
                    back={signaturesHref()}
                  />
                )}
              </Match>
              <Match when={true}>
                <SignaturesTable
                  chapter={props.chapter}
                  pledgeId={props.pledgeId}
                  detailHref={(id) => signaturesHref(id)}
                />
              </Match>
            </Switch>
          </Page>
        )}
      </Show>
    </Show>
  );
}
