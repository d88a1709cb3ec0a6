import { createResource, createSignal, For, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { Loading } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { text } from './strings.ts';

const W = 600;
const H = 160;

/**
 * Statistics of a pledge: signatures per day as inline SVG bars (no chart library, nothing
 * loaded from elsewhere) with the same figures in a table for screen readers and keyboards,
 * by source site, top referrers, and the confirmation rate.
 */
export function StatsView(props: { chapterId: string; pledgeId: string }) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const [days, setDays] = createSignal(30);
  const [stats] = createResource(
    () => ({ chapterId: props.chapterId, pledgeId: props.pledgeId, days: days() }),
    (key) => api.pledges.stats.query(key),
  );
  const percent = (n: number) =>
    new Intl.NumberFormat(i18n.locale(), { style: 'percent', maximumFractionDigits: 1 }).format(n);
  return (
    <section aria-labelledby="stats-title">
      <h2 id="stats-title" class="visually-hidden">
        {pick(text.tabStats)}
      </h2>
      <div class="field">
        <label for="stats-days">{pick(text.days)}</label>
        <select id="stats-days" onChange={(e) => setDays(Number(e.currentTarget.value))}>
          <For each={[7, 30, 90, 365]}>
            {(n) => (
              <option value={n} selected={n === days()}>
                {n}
              </option>
            )}
          </For>
        </select>
      </div>
      <Show when={stats.latest} fallback={<Loading />}>
        {(s) => {
          const max = () => Math.max(1, ...s().perDay.map((d) => d.count));
          const barWidth = () => W / s().perDay.length;
          return (
            <>
              <h3>{pick(text.perDay, { zone: s().timeZone })}</h3>
              <figure class="stats-chart">
                <svg
                  viewBox={`0 0 ${W} ${H}`}
                  role="img"
                  aria-label={pick(text.chartLabel)}
                  class="stats-svg"
                >
                  <For each={s().perDay}>
                    {(d, i) => {
                      const h = () => (d.count / max()) * (H - 10);
                      return (
                        <rect
                          class="stats-bar"
                          x={i() * barWidth() + 1}
                          y={H - h()}
                          width={Math.max(1, barWidth() - 2)}
                          height={h()}
                        >
                          <title>{`${i18n.formatDay(d.day)}: ${d.count}`}</title>
                        </rect>
                      );
                    }}
                  </For>
                </svg>
                <figcaption class="hint">{pick(text.chartLabel)}</figcaption>
              </figure>
              <table class="table stats-table">
                <caption class="visually-hidden">
                  {pick(text.perDay, { zone: s().timeZone })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{pick(text.day)}</th>
                    <th scope="col">{pick(text.count)}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={s().perDay.filter((d) => d.count > 0)}>
                    {(d) => (
                      <tr>
                        <th scope="row">
                          <time datetime={d.day}>{i18n.formatDay(d.day)}</time>
                        </th>
                        <td>{d.count}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <h3>{pick(text.confirmation)}</h3>
              <p>
                <Show when={s().confirmationRate !== null} fallback={pick(text.noData)}>
                  {pick(text.confirmationRate, {
                    confirmed: s().confirmed,
                    pending: s().pending,
                    rate: percent(s().confirmationRate ?? 0),
                  })}
                </Show>
              </p>
              <h3>{pick(text.bySource)}</h3>
              <Show when={s().bySource.length > 0} fallback={<p>{pick(text.noData)}</p>}>
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{pick(text.source)}</th>
                      <th scope="col">{pick(text.count)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={s().bySource}>
                      {(row) => (
                        <tr>
                          <th scope="row">{row.source ?? pick(text.hosted)}</th>
                          <td>{row.count}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
              <h3>{pick(text.topReferrers)}</h3>
              <Show when={s().topReferrers.length > 0} fallback={<p>{pick(text.noReferrers)}</p>}>
                <ol>
                  <For each={s().topReferrers}>
                    {(r) => (
                      <li>
                        {pick(text.referrerCount, {
                          who: r.name ?? r.email,
                          code: r.referralCode,
                          count: r.count,
                        })}
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </>
          );
        }}
      </Show>
    </section>
  );
}
