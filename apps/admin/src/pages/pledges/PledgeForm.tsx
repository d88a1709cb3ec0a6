import { createSignal, For, Index, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { FormMessages, TextField } from '../../components/Field.tsx';
import { createForm } from '../../components/form.ts';
import { useI18n } from '../../i18n/index.tsx';
import { AreaField, CheckField } from './fields.tsx';
import {
  emptyQuestion,
  formValues,
  inputFromValues,
  type Locale,
  locales,
  type Pledge,
  questionDrafts,
} from './model.ts';
import { PledgePreview } from './PledgePreview.tsx';
import { text } from './strings.ts';

/**
 * Create or edit a pledge: every field, with a live preview of the public page beside it.
 * The whole pledge is sent on save (the procedures replace every field).
 */
export function PledgeForm(props: {
  chapterId: string;
  pledge?: Pledge;
  onSaved: (pledge: Pledge) => void;
}) {
  const { pick } = useI18n();
  const api = useApi();
  const [questions, setQuestions] = createSignal(questionDrafts(props.pledge));
  let formEl: HTMLFormElement | undefined;
  const p = props.pledge;
  const initialDraft = () => ({
    slug: p?.slug ?? '',
    goal: p?.goal ?? 1000,
    defaultLocale: (p?.defaultLocale ?? 'fr') as Locale,
    askPostalCode: p?.askPostalCode ?? false,
    requiresConfirmation: p?.requiresConfirmation ?? false,
    countUnconfirmed: p?.countUnconfirmed ?? true,
    proofOfWork: p?.proofOfWork ?? false,
    rateLimit: p?.rateLimit ?? null,
    questions: p?.questions ?? [],
    translations: p?.translations ?? {},
  });
  const [draft, setDraft] = createSignal<ReturnType<typeof inputFromValues>>(
    initialDraft() as ReturnType<typeof inputFromValues>,
  );
  const refresh = () => {
    if (formEl) setDraft(inputFromValues(formValues(formEl), questions().length));
  };

  const form = createForm({
    submit: async (values) => {
      const input = { chapterId: props.chapterId, ...inputFromValues(values, questions().length) };
      const saved = p
        ? await api.pledges.update.mutate({ ...input, pledgeId: p.id, status: p.status })
        : await api.pledges.create.mutate(input);
      props.onSaved(saved);
      return pick(p ? text.saved : text.created);
    },
  });
  const labels = () => ({
    slug: pick(text.slug),
    goal: pick(text.goal),
    'translations.fr.title': `${pick(text.pledgeTitle)} (FR)`,
    'translations.en.title': `${pick(text.pledgeTitle)} (EN)`,
  });

  return (
    <div class="pledge-editor">
      <form
        class="form pledge-form"
        noValidate
        ref={formEl}
        onSubmit={form.onSubmit}
        onInput={refresh}
        onChange={refresh}
      >
        <FormMessages form={form} labels={labels()} />
        <fieldset>
          <legend>{pick(text.general)}</legend>
          <TextField
            form={form}
            name="slug"
            label={pick(text.slug)}
            hint={
              // Once published, the address is out in the world: no redirect follows a rename.
              p && p.status !== 'draft'
                ? `${pick(text.slugHint)} ${pick(text.slugPublished)}`
                : pick(text.slugHint)
            }
            value={p?.slug ?? ''}
            required
          />
          <TextField
            form={form}
            name="goal"
            label={pick(text.goal)}
            type="number"
            min="1"
            value={String(p?.goal ?? 1000)}
            required
          />
          <div class="field">
            <label for={form.fieldId('defaultLocale')}>{pick(text.defaultLocale)}</label>
            <select id={form.fieldId('defaultLocale')} name="defaultLocale">
              <For each={locales}>
                {(l) => (
                  <option value={l} selected={(p?.defaultLocale ?? 'fr') === l}>
                    {l === 'fr' ? 'Français' : 'English'}
                  </option>
                )}
              </For>
            </select>
          </div>
        </fieldset>
        <For each={locales}>
          {(locale) => {
            const t = p?.translations[locale];
            const name = (field: string) => `translations.${locale}.${field}`;
            return (
              <fieldset lang={locale}>
                <legend>
                  {pick(text.texts, {
                    language: pick(locale === 'fr' ? text.french : text.english),
                  })}
                </legend>
                <TextField
                  form={form}
                  name={name('title')}
                  label={pick(text.pledgeTitle)}
                  value={t?.title ?? ''}
                />
                <AreaField
                  form={form}
                  name={name('body')}
                  label={pick(text.body)}
                  rows={8}
                  value={t?.body ?? ''}
                />
                <AreaField
                  form={form}
                  name={name('consentText')}
                  label={pick(text.consentText)}
                  hint={pick(text.consentHint)}
                  rows={2}
                  value={t?.consentText ?? ''}
                />
                <TextField
                  form={form}
                  name={name('shareText')}
                  label={pick(text.shareText)}
                  value={t?.shareText ?? ''}
                />
                <AreaField
                  form={form}
                  name={name('nextSteps')}
                  label={pick(text.nextSteps)}
                  rows={5}
                  value={(t?.nextSteps ?? []).join('\n')}
                />
              </fieldset>
            );
          }}
        </For>
        <fieldset>
          <legend>{pick(text.questions)}</legend>
          <Index each={questions()}>
            {(q, i) => (
              <fieldset class="pledge-question">
                <legend>{pick(text.question, { n: i + 1 })}</legend>
                <TextField
                  form={form}
                  name={`questions.${i}.id`}
                  label={pick(text.questionId)}
                  value={q().id}
                />
                <div class="field">
                  <label for={form.fieldId(`questions.${i}.kind`)}>{pick(text.kind)}</label>
                  <select id={form.fieldId(`questions.${i}.kind`)} name={`questions.${i}.kind`}>
                    <option value="single" selected={q().kind === 'single'}>
                      {pick(text.kindSingle)}
                    </option>
                    <option value="multiple" selected={q().kind === 'multiple'}>
                      {pick(text.kindMultiple)}
                    </option>
                    <option value="text" selected={q().kind === 'text'}>
                      {pick(text.kindText)}
                    </option>
                  </select>
                </div>
                <CheckField
                  form={form}
                  name={`questions.${i}.required`}
                  label={pick(text.required)}
                  checked={q().required}
                />
                <TextField
                  form={form}
                  name={`questions.${i}.label.fr`}
                  label={pick(text.labelFr)}
                  value={q().label.fr}
                />
                <TextField
                  form={form}
                  name={`questions.${i}.label.en`}
                  label={pick(text.labelEn)}
                  value={q().label.en}
                />
                <AreaField
                  form={form}
                  name={`questions.${i}.options`}
                  label={pick(text.optionsList)}
                  rows={4}
                  value={q().options}
                />
                <button
                  type="button"
                  class="danger"
                  onClick={() => {
                    // Keep what was typed in the other questions: read them back first.
                    const values = formEl ? formValues(formEl) : {};
                    setQuestions(
                      readQuestions(values, questions().length).filter((_, j) => j !== i),
                    );
                    refresh();
                  }}
                >
                  {pick(text.removeQuestion, { n: i + 1 })}
                </button>
              </fieldset>
            )}
          </Index>
          <button
            type="button"
            onClick={() => {
              const values = formEl ? formValues(formEl) : {};
              setQuestions([...readQuestions(values, questions().length), emptyQuestion()]);
              refresh();
            }}
          >
            {pick(text.addQuestion)}
          </button>
        </fieldset>
        <fieldset>
          <legend>{pick(text.options)}</legend>
          <CheckField
            form={form}
            name="askPostalCode"
            label={pick(text.askPostalCode)}
            checked={p?.askPostalCode}
          />
          <CheckField
            form={form}
            name="requiresConfirmation"
            label={pick(text.requiresConfirmation)}
            checked={p?.requiresConfirmation}
          />
          <CheckField
            form={form}
            name="countUnconfirmed"
            label={pick(text.countUnconfirmed)}
            checked={p?.countUnconfirmed ?? true}
          />
          <CheckField
            form={form}
            name="proofOfWork"
            label={pick(text.proofOfWork)}
            checked={p?.proofOfWork}
          />
          <CheckField
            form={form}
            name="customRateLimit"
            label={pick(text.rateLimit)}
            hint={pick(text.rateLimitHint)}
            checked={Boolean(p?.rateLimit)}
          />
          <Show when={draft().rateLimit !== null}>
            <div class="pledge-rate-limit">
              <TextField
                form={form}
                name="rateLimit.burst.points"
                type="number"
                min="1"
                label={pick(text.burstPoints)}
                value={String(p?.rateLimit?.burst.points ?? 1)}
              />
              <TextField
                form={form}
                name="rateLimit.burst.seconds"
                type="number"
                min="1"
                label={pick(text.burstSeconds)}
                value={String(p?.rateLimit?.burst.seconds ?? 60)}
              />
              <TextField
                form={form}
                name="rateLimit.sustained.points"
                type="number"
                min="1"
                label={pick(text.sustainedPoints)}
                value={String(p?.rateLimit?.sustained.points ?? 5)}
              />
              <TextField
                form={form}
                name="rateLimit.sustained.seconds"
                type="number"
                min="1"
                label={pick(text.sustainedSeconds)}
                value={String(p?.rateLimit?.sustained.seconds ?? 300)}
              />
            </div>
          </Show>
        </fieldset>
        <p>
          <button type="submit" class="primary" disabled={form.pending()}>
            {pick(text.save)}
          </button>
        </p>
      </form>
      <PledgePreview chapterId={props.chapterId} draft={draft()} />
    </div>
  );
}

/** The questions as typed so far, so adding or removing one keeps the others' input. */
function readQuestions(values: Record<string, string>, count: number) {
  const drafts = inputFromValues(values, count).questions;
  return drafts.map((q, i) => ({
    ...emptyQuestion(),
    id: q.id,
    kind: q.kind,
    required: q.required ?? false,
    label: { fr: q.label.fr ?? '', en: q.label.en ?? '' },
    options: values[`questions.${i}.options`] ?? '',
  }));
}
