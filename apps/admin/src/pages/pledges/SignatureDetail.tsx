import { createResource, For, onMount, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { Loading } from '../../components/Page.tsx';
import { type Localized, useI18n } from '../../i18n/index.tsx';
import { Link } from '../../router/index.tsx';
import type { Pledge } from './model.ts';
import { StatusBadge } from './parts.tsx';
import { mailTimelineText, text, timelineText } from './strings.ts';

/** One signature: the signer, answers with their questions, consent as shown, referrals, timeline. */
export function SignatureDetail(props: {
  chapterId: string;
  signatureId: string;
  pledge: Pledge;
  back: string;
}) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const [detail] = createResource(
    () => ({ chapterId: props.chapterId, signatureId: props.signatureId }),
    (key) => api.pledges.signature.query(key),
  );
  // Labels in the admin's language, else the pledge's default, else any.
  const label = (l: { fr?: string; en?: string } | string) =>
    typeof l === 'string'
      ? l
      : (l[i18n.locale()] ?? l[props.pledge.defaultLocale] ?? l.fr ?? l.en ?? '');
  let heading: HTMLHeadingElement | undefined;
  return (
    <section aria-labelledby="signature-title">
      <p>
        <Link to={props.back}>← {pick(text.backToList)}</Link>
      </p>
      <Show when={!detail.error} fallback={<p class="notice">{pick(text.notFound)}</p>}>
        <Show when={detail.latest} fallback={<Loading />}>
          {(d) => {
            onMount(() => heading?.focus());
            return (
              <>
                <h2 id="signature-title" tabindex="-1" ref={heading}>
                  {pick(text.signature)} · {d().person.name ?? d().person.email}
                </h2>
                <dl class="detail-fields">
                  <dt>{pick(text.colName)}</dt>
                  <dd>{d().person.name ?? pick(text.anonymous)}</dd>
                  <dt>{pick(text.colEmail)}</dt>
                  <dd>{d().person.email}</dd>
                  <Show when={d().person.postalCode}>
                    <dt>{pick(text.postalCode)}</dt>
                    <dd>{d().person.postalCode}</dd>
                  </Show>
                  <dt>{pick(text.status)}</dt>
                  <dd>
                    <StatusBadge status={d().status} />
                  </dd>
                  <dt>{pick(text.locale)}</dt>
                  <dd>{d().locale}</dd>
                  <dt>{pick(text.source)}</dt>
                  <dd>{d().source ?? pick(text.hosted)}</dd>
                  <dt>{pick(text.referralCode)}</dt>
                  <dd>
                    <code>{d().referralCode}</code>
                  </dd>
                  <dt>{pick(text.referrer)}</dt>
                  <dd>
                    <Show when={d().referrer} fallback="—">
                      {(r) => `${r().name ?? r().email} (${r().referralCode})`}
                    </Show>
                  </dd>
                  <dt>{pick(text.referred)}</dt>
                  <dd>{d().referred}</dd>
                  <dt>{pick(text.consent)}</dt>
                  <dd>
                    <Show when={d().consent} fallback={pick(text.consentNone)}>
                      {(c) => (
                        <>
                          {pick(text.consentShown, { text: c().textShown })}
                          <Show when={c().withdrawnAt}>
                            {(at) => (
                              <>
                                {' '}
                                · {pick(text.consentWithdrawn, { when: i18n.formatDateTime(at()) })}
                              </>
                            )}
                          </Show>
                        </>
                      )}
                    </Show>
                  </dd>
                </dl>
                <h3>{pick(text.answers)}</h3>
                <Show when={d().answers.length > 0} fallback={<p>—</p>}>
                  <dl class="detail-fields">
                    <For each={d().answers}>
                      {(a) => (
                        <>
                          <dt>{label(a.label)}</dt>
                          <dd>{a.values.map((v) => label(v.label)).join(', ')}</dd>
                        </>
                      )}
                    </For>
                  </dl>
                </Show>
                <h3>{pick(text.timeline)}</h3>
                <ol class="timeline">
                  <For each={d().timeline}>
                    {(e) => (
                      <li>
                        <time datetime={e.at}>{i18n.formatDateTime(e.at)}</time>{' '}
                        {pick(timelineLabel(e.kind, e.detail), { detail: e.detail ?? '' })}
                      </li>
                    )}
                  </For>
                </ol>
              </>
            );
          }}
        </Show>
      </Show>
    </section>
  );
}

/** A timeline entry in words; a mail by what it was (its template), not by its template id. */
function timelineLabel(kind: string, detail: string | null): Localized {
  const mail = kind === 'mail' && detail ? mailTimelineText[detail] : undefined;
  return mail ?? timelineText[kind] ?? { en: kind, fr: kind };
}
