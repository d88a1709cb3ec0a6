import { createSignal, onCleanup } from 'solid-js';
import { loadPledge } from '../api.ts';
import { pickLocale, strings } from '../i18n.ts';
import { followCount } from '../live.ts';
import type { PublicPledge, SignatureResult } from '../types.ts';
import { SignForm } from './SignForm.tsx';
import { Thanks } from './Thanks.tsx';

export interface WidgetOptions {
  /** The chapter's origin, e.g. https://pledge.example.org */
  base: string;
  slug: string;
  /** The `locale` attribute, if any. */
  locale?: string | null;
  compact?: boolean;
  /** The embedding site's origin, sent as `source`. */
  source: string;
  /** An incoming referral code (`?ref=` of the page). */
  referrer?: string | null;
}

/**
 * The whole widget: loads the pledge, shows the live count and the form, then the thank-you
 * step. Locale: the `locale` attribute, else the host page's `<html lang>`, else the pledge's.
 */
export function PledgeWidget(props: WidgetOptions) {
  const [pledge, setPledge] = createSignal<PublicPledge>();
  const [failed, setFailed] = createSignal(false);
  const [count, setCount] = createSignal({ count: 0, goal: 0 });
  const [result, setResult] = createSignal<SignatureResult>();
  const wanted = pickLocale(props.locale, document.documentElement.lang);
  const lang = () => wanted ?? pickLocale(pledge()?.locale) ?? 'en';
  const t = () => strings[lang()];
  const fmt = (n: number) => n.toLocaleString(lang());
  let stop: (() => void) | undefined;
  let gone = false;
  onCleanup(() => {
    gone = true;
    stop?.();
  });
  loadPledge(props.base, props.slug, wanted).then(
    (p) => {
      if (gone) return;
      setPledge(p);
      setCount({ count: p.count, goal: p.goal });
      stop = followCount(props.base, p.slug, (u) =>
        // Never step back below what this signer just saw after signing.
        setCount((c) => (u.count >= c.count || !result() ? u : c)),
      );
    },
    () => setFailed(true),
  );
  const signed = (r: SignatureResult) => {
    setResult(r);
    setCount((c) => ({ ...c, count: Math.max(c.count, r.count) }));
  };

  /** The step below the count: the form, the thank-you step, or a closed notice. */
  const step = (p: PublicPledge) => {
    const r = result();
    if (r) return <Thanks pledge={p} result={r} t={t()} />;
    if (p.status !== 'live') return <p>{t().closed}</p>;
    return (
      <SignForm
        base={props.base}
        pledge={p}
        t={t()}
        locale={lang()}
        source={props.source}
        referrer={props.referrer ?? undefined}
        onSigned={signed}
      />
    );
  };
  const view = () => {
    const p = pledge();
    if (!p) return <p role="status">{failed() ? t().loadError : t().loading}</p>;
    return (
      <>
        <h2 part="title">{p.title}</h2>
        {!props.compact && <div class="body" part="body" innerHTML={p.bodyHtml} />}
        <p class="count" part="count" id="count" aria-live="polite" aria-atomic="true">
          {t().count(fmt(count().count), count().count)}{' '}
          <span class="muted">{t().goal(fmt(count().goal))}</span>
        </p>
        <progress
          part="progress"
          aria-labelledby="count"
          max={Math.max(count().goal, 1)}
          value={Math.min(count().count, count().goal)}
        />
        {step(p)}
      </>
    );
  };

  return (
    <div class={props.compact ? 'gw compact' : 'gw'} part="root" lang={lang()}>
      {view()}
    </div>
  );
}
