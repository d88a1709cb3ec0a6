import { createResource, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { CreateLink } from '../../components/CreateLink.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link, useLocation, useNavigate } from '../../router/index.tsx';
import type { ChapterPageProps } from '../../routes.tsx';
import { hasRole } from '../../session/index.tsx';
import { PledgeForm } from './PledgeForm.tsx';
import { PledgeView } from './PledgeView.tsx';
import { StatusBadge } from './parts.tsx';
import { text } from './strings.ts';
import './pledges.css';

/**
 * The chapter's pledges. One route, `/c/:chapter/pledges`, with the view in the query so every
 * screen can be linked: `?new` (create), `?pledge=<id>&view=signatures|stats|edit|content`,
 * `&signature=<id>` (one signature).
 */
export function PledgesPage(props: ChapterPageProps) {
  const { pick } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const base = () => `/c/${props.chapter.slug}/pledges`;
  const pledgeId = () => location().search.get('pledge');
  const creating = () => location().search.has('new');
  const canEdit = () => hasRole(props.chapter.role, 'organizer');
  return (
    <Show
      when={pledgeId()}
      keyed
      fallback={
        <Show when={creating() && canEdit()} fallback={<PledgeList {...props} />}>
          <Page title={`${pick(text.formTitleNew)} · ${props.chapter.name}`}>
            <p>
              <Link to={base()}>← {pick(text.back)}</Link>
            </p>
            <PledgeForm
              chapterId={props.chapter.chapterId}
              onSaved={(pledge) => navigate(`${base()}?pledge=${pledge.id}&view=edit`)}
            />
          </Page>
        </Show>
      }
    >
      {(id) => <PledgeView chapter={props.chapter} pledgeId={id} />}
    </Show>
  );
}

function PledgeList(props: ChapterPageProps) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const [list] = createResource(
    () => props.chapter.chapterId,
    (chapterId) => api.pledges.list.query({ chapterId }),
  );
  const base = () => `/c/${props.chapter.slug}/pledges`;
  return (
    <Page title={`${pick(text.title)} · ${props.chapter.name}`} lead={<p>{pick(text.lead)}</p>}>
      <CreateLink role={props.chapter.role} href={`${base()}?new`} label={pick(text.create)} />
      <Show when={list.latest} fallback={<Loading />}>
        {(items) => (
          <ListTable
            columns={[
              pick(text.colTitle),
              pick(text.colStatus),
              pick(text.colCount),
              pick(text.colCreated),
            ]}
            items={items()}
            empty={pick(text.empty)}
          >
            {(p) => (
              <tr>
                <th scope="row">
                  <Link to={`${base()}?pledge=${p.id}`}>{p.title}</Link>
                </th>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td>
                  {pick(text.countOf, { count: p.confirmed + p.pending, goal: p.goal })}
                  <Show when={p.pending > 0}>
                    {' '}
                    {pick(text.pendingNote, { pending: p.pending })}
                  </Show>
                </td>
                <td>{i18n.formatDateTime(p.updatedAt)}</td>
              </tr>
            )}
          </ListTable>
        )}
      </Show>
    </Page>
  );
}
