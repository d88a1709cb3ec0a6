import { createMemo, createSignal, For, Show } from 'solid-js';
import { serverWords } from '../../api/server-words.ts';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { ChapterPageProps } from '../../routes.tsx';
import { guessColumns, roles } from './guess-columns.ts';

const text = {
  title: { en: 'Import people', fr: 'Importer des personnes' },
  lead: {
    en: 'A CSV file with a header line. Map its columns, check the dry run, then import. People get an e-mail consent only if you map a column that says so — and never if they withdrew one.',
    fr: 'Un fichier CSV avec une ligne d’en-tête. Associez ses colonnes, vérifiez l’essai, puis importez. Les personnes ne reçoivent un consentement e-mail que si une colonne le dit — et jamais si elles l’ont retiré.',
  },
  file: { en: 'CSV file', fr: 'Fichier CSV' },
  email: { en: 'E-mail column', fr: 'Colonne e-mail' },
  name: { en: 'Name column', fr: 'Colonne nom' },
  postalCode: { en: 'Postal code column', fr: 'Colonne code postal' },
  locale: { en: 'Language column', fr: 'Colonne langue' },
  consent: { en: 'E-mail consent column (yes/no)', fr: 'Colonne consentement e-mail (oui/non)' },
  consentText: {
    en: 'The consent text these people agreed to',
    fr: 'Le texte de consentement accepté par ces personnes',
  },
  tags: { en: 'Tags column (separated by ;)', fr: 'Colonne étiquettes (séparées par ;)' },
  none: { en: '(none)', fr: '(aucune)' },
  dryRun: { en: 'Check the file (dry run)', fr: 'Vérifier le fichier (essai)' },
  run: { en: 'Import {count} people', fr: 'Importer {count} personnes' },
  progress: { en: '{rows} rows read…', fr: '{rows} lignes lues…' },
  report: {
    en: '{rows} {rows:row|rows}: {valid} valid ({new} new, {updated} already known), {invalid} invalid, {duplicates} {duplicates:duplicate|duplicates} in the file, {consents} with consent.',
    fr: '{rows} {rows:ligne|lignes}\u00a0: {valid} {valid:valide|valides} ({new} {new:nouvelle|nouvelles}, {updated} déjà {updated:connue|connues}), {invalid} {invalid:invalide|invalides}, {duplicates} {duplicates:doublon|doublons} dans le fichier, {consents} avec consentement.',
  },
  imported: { en: 'Imported.', fr: 'Importé.' },
  errors: { en: 'Invalid rows', fr: 'Lignes invalides' },
  line: { en: 'Line {line}: {reason}', fr: 'Ligne {line} : {reason}' },
} as const;

interface Report {
  dryRun: boolean;
  rows: number;
  valid: number;
  invalid: number;
  new: number;
  updated: number;
  duplicates: number;
  consents: number;
  errors: Array<{ line: number; reason: string }>;
  fatal: string | null;
}

/** `/c/:chapter/imports`: mapping, dry-run report with progress, then the import. */
export function ImportsPage(props: ChapterPageProps) {
  const { pick, locale } = useI18n();
  const [file, setFile] = createSignal<File>();
  const [columns, setColumns] = createSignal<string[]>([]);
  const [delimiter, setDelimiter] = createSignal<',' | ';'>(',');
  const [progress, setProgress] = createSignal<number>();
  const [report, setReport] = createSignal<Report>();
  const [error, setError] = createSignal('');
  // Pre-selected from the header line (English or French names); the organizer can change each.
  const guessed = createMemo(() => guessColumns(columns()));
  let form!: HTMLFormElement;

  const pickFile = async (event: Event) => {
    const chosen = (event.currentTarget as HTMLInputElement).files?.[0];
    setReport(undefined);
    setFile(chosen);
    if (!chosen) return;
    const head =
      (await chosen.slice(0, 64 * 1024).text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    const sep = (head.match(/;/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? ';' : ',';
    setDelimiter(sep);
    setColumns(head.split(sep).map((c) => c.trim().replace(/^"|"$/g, '')));
  };
  const mapping = () => {
    const data = new FormData(form);
    const m: Record<string, string> = {};
    for (const r of roles) {
      const v = String(data.get(r) ?? '');
      if (v) m[r] = v;
    }
    const consentText = String(data.get('consentText') ?? '').trim();
    if (consentText) m.consentText = consentText;
    return m;
  };
  const run = async (dryRun: boolean) => {
    const f = file();
    if (!f) return;
    setError('');
    setProgress(0);
    const q = new URLSearchParams({
      chapterId: props.chapter.chapterId,
      dryRun: dryRun ? '1' : '0',
      delimiter: delimiter(),
      mapping: JSON.stringify(mapping()),
    });
    const res = await fetch(`/admin/api/imports?${q}`, {
      method: 'POST',
      body: f,
      headers: { 'content-type': 'text/csv' },
    });
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      setError(serverWords(body.error?.message ?? String(res.status), locale()));
      setProgress(undefined);
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const msg = JSON.parse(line) as {
          progress?: number;
          report?: Report;
          error?: { message: string };
        };
        if (msg.progress !== undefined) setProgress(msg.progress);
        if (msg.report) setReport(msg.report);
        if (msg.error) setError(serverWords(msg.error.message, locale()));
      }
    }
    setProgress(undefined);
  };

  return (
    <Page title={`${pick(text.title)} · ${props.chapter.name}`} lead={<p>{pick(text.lead)}</p>}>
      <form
        ref={form}
        onSubmit={(e) => {
          e.preventDefault();
          run(true);
        }}
      >
        <div class="field">
          <label for="import-file">{pick(text.file)}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={pickFile} />
        </div>
        <Show when={columns().length > 0}>
          <div class="filters">
            <For each={roles}>
              {(role) => (
                <div class="field">
                  <label for={`import-${role}`}>{pick(text[role])}</label>
                  <select id={`import-${role}`} name={role}>
                    <Show when={role !== 'email'}>
                      <option value="">{pick(text.none)}</option>
                    </Show>
                    <For each={columns()}>
                      {(c) => (
                        <option value={c} selected={guessed()[role] === c}>
                          {c}
                        </option>
                      )}
                    </For>
                  </select>
                </div>
              )}
            </For>
          </div>
          <div class="field">
            <label for="import-consentText">{pick(text.consentText)}</label>
            <textarea id="import-consentText" name="consentText" maxLength={2000} />
          </div>
          <button type="submit">{pick(text.dryRun)}</button>
        </Show>
      </form>
      <Show when={progress() !== undefined}>
        <p role="status">{pick(text.progress, { rows: progress() ?? 0 })}</p>
      </Show>
      <Show when={error()}>
        <p class="error-summary" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={report()}>
        {(r) => (
          <section aria-labelledby="import-report">
            <h2 id="import-report">{r().dryRun ? pick(text.dryRun) : pick(text.imported)}</h2>
            <Show
              when={r().fatal}
              fallback={
                <p role="status">
                  {pick(text.report, {
                    rows: r().rows,
                    valid: r().valid,
                    new: r().new,
                    updated: r().updated,
                    invalid: r().invalid,
                    duplicates: r().duplicates,
                    consents: r().consents,
                  })}
                </p>
              }
            >
              <p class="error-summary" role="alert">
                {r().fatal}
              </p>
            </Show>
            <Show when={r().errors.length > 0}>
              <h3>{pick(text.errors)}</h3>
              <ul>
                <For each={r().errors}>
                  {(e) => (
                    <li>
                      {pick(text.line, { line: e.line, reason: serverWords(e.reason, locale()) })}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={r().dryRun && !r().fatal && r().valid > 0}>
              <button type="button" onClick={() => run(false)}>
                {pick(text.run, { count: r().valid })}
              </button>
            </Show>
          </section>
        )}
      </Show>
    </Page>
  );
}
