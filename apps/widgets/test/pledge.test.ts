import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pledgeElement } from '../src/pledge/element.tsx';
import { type FakeApi, startFakeApi } from './fake-api.ts';

let api: FakeApi;

beforeAll(async () => {
  api = await startFakeApi();
  customElements.define('groundwork-pledge', pledgeElement(api.url));
});
afterAll(() => api.close());
afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.lang = '';
});

function mount(attrs: Record<string, string> = {}): ShadowRoot {
  const el = document.createElement('groundwork-pledge');
  el.setAttribute('pledge', 'quit-chatgpt');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
}

const $ = <T extends Element = HTMLElement>(root: ShadowRoot, sel: string) => {
  const found = root.querySelector<T>(sel as never);
  if (!found) throw new Error(`missing ${sel}`);
  return found as T;
};
const ready = (root: ShadowRoot) => vi.waitFor(() => $(root, 'form'));
const fill = (root: ShadowRoot, name: string, value: string) => {
  $<HTMLInputElement>(root, `[name="${name}"]`).value = value;
};
const submit = (root: ShadowRoot) => $<HTMLFormElement>(root, 'form').requestSubmit();

describe('<groundwork-pledge>', () => {
  it('renders the pledge in an open shadow root with an adopted stylesheet and labelled fields', async () => {
    const root = mount();
    await ready(root);
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.querySelector('style')).toBeNull();
    expect($(root, 'h2').textContent).toBe('I have cancelled my ChatGPT subscription');
    expect($(root, '[part=count]').textContent).toContain('41 signatures');
    for (const input of root.querySelectorAll<HTMLInputElement>(
      'input[type=email],input[type=text]',
    )) {
      expect(input.labels?.length, input.name).toBe(1);
    }
    expect($<HTMLInputElement>(root, '[name=consent]').checked).toBe(false);
    expect($(root, 'legend').textContent).toBe('Why are you leaving?');
    expect($(root, '.hp').getAttribute('aria-hidden')).toBe('true');
  });

  it('loads the pledge once per element when the script arrives after the markup', async () => {
    const before = api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('chatgpt'));
    document.body.innerHTML =
      '<groundwork-late pledge="quit-chatgpt" locale="fr" accent="#0055aa" compact></groundwork-late>';
    customElements.define('groundwork-late', pledgeElement(api.url));
    const root = document.querySelector('groundwork-late')?.shadowRoot as ShadowRoot;
    await ready(root);
    const after = api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('chatgpt'));
    expect(after.length - before.length).toBe(1);
  });

  it('follows the host page language, and the locale attribute overrides it', async () => {
    document.documentElement.lang = 'fr-FR';
    const fr = mount();
    await ready(fr);
    expect($(fr, 'button[type=submit]').textContent).toBe('Je signe');
    expect($(fr, '[part=root]').getAttribute('lang')).toBe('fr');
    const en = mount({ locale: 'en' });
    await ready(en);
    expect($(en, 'button[type=submit]').textContent).toBe('Sign');
  });

  it('marks missing required fields without calling the API and focuses the first one', async () => {
    const root = mount();
    await ready(root);
    const before = api.signatures.length;
    submit(root);
    await vi.waitFor(() =>
      expect($(root, '#f-email-e').textContent).toBe('This field is required.'),
    );
    expect($(root, '#f-email').getAttribute('aria-invalid')).toBe('true');
    expect($(root, '#a\\:why-e').textContent).toBe('This field is required.');
    expect($(root, '[role=alert]').textContent).toBe('Please correct the fields marked below.');
    await vi.waitFor(() => expect(root.activeElement?.id).toBe('f-email'));
    expect(api.signatures.length).toBe(before);
  });

  it("shows the API's field errors next to their fields", async () => {
    const root = mount();
    await ready(root);
    fill(root, 'email', 'not-an-address');
    $<HTMLInputElement>(root, '[name="a:why"][value=price]').checked = true;
    submit(root);
    await vi.waitFor(() =>
      expect($(root, '#f-email-e').textContent).toBe('Enter a valid e-mail address.'),
    );
    expect($(root, '#f-email').getAttribute('aria-describedby')).toBe('f-email-e');
  });

  it('says a refusal without field errors in its own words, and gives the focus back to the button', async () => {
    const root = mount();
    await ready(root);
    fill(root, 'email', 'busy@example.org');
    $<HTMLInputElement>(root, '[name="a:why"][value=price]').checked = true;
    $<HTMLButtonElement>(root, 'button[type=submit]').focus();
    submit(root);
    await vi.waitFor(() =>
      expect($(root, '[role=alert]').textContent).toBe(
        'Too many signatures from your connection. Try again in 60 s.',
      ),
    );
    const button = $<HTMLButtonElement>(root, 'button[type=submit]');
    expect(button.disabled).toBe(false);
    await vi.waitFor(() => expect(root.activeElement).toBe(button));
    expect(root.querySelector('[part=thanks]')).toBeNull();
  });

  it('says in French that the pledge closed, and that a field is too long', async () => {
    const root = mount({ locale: 'fr' });
    await ready(root);
    $<HTMLInputElement>(root, '[name="a:why"][value=price]').checked = true;
    fill(root, 'email', 'late@example.org');
    submit(root);
    await vi.waitFor(() =>
      expect($(root, '[role=alert]').textContent).toBe('Cet engagement est clos.'),
    );
    fill(root, 'email', 'long@example.org');
    fill(root, 'name', 'x'.repeat(201));
    submit(root);
    await vi.waitFor(() =>
      expect($(root, '#f-name-e').textContent).toBe('200 caractères au maximum.'),
    );
    expect(root.activeElement).toBe($(root, '#f-name'));
  });

  it('says "1 signature" and, in French, "0 signature"', async () => {
    const count = api.pledge.count;
    try {
      api.pledge.count = 1;
      const en = mount();
      await ready(en);
      expect($(en, '[part=count]').textContent).toMatch(/^1 signature Goal/);
      api.pledge.count = 0;
      const fr = mount({ locale: 'fr' });
      await ready(fr);
      expect($(fr, '[part=count]').textContent).toMatch(/^0 signature Objectif/);
    } finally {
      api.pledge.count = count;
    }
  });

  it('signs, then shows the thank-you step with the count, next steps and share links', async () => {
    const root = mount();
    await ready(root);
    fill(root, 'email', 'ada@example.org');
    fill(root, 'name', 'Ada');
    fill(root, 'postalCode', '75011');
    fill(root, 'a:more', 'Privacy');
    $<HTMLInputElement>(root, '[name="a:why"][value=politics]').checked = true;
    submit(root);
    await vi.waitFor(() => $(root, '[part=thanks]'));
    const sent = api.signatures.at(-1);
    expect(sent).toMatchObject({
      email: 'ada@example.org',
      name: 'Ada',
      postalCode: '75011',
      answers: { why: 'politics', more: 'Privacy' },
      consent: false,
      source: location.origin,
      locale: 'en',
      website: '',
    });
    expect($(root, '[part=count]').textContent).toContain(`${api.pledge.count} signatures`);
    expect($(root, '[part=pending]').textContent).toContain('Check your inbox');
    const steps = root.querySelectorAll<HTMLInputElement>('[part=steps] input[type=checkbox]');
    expect(steps).toHaveLength(2);
    steps[0]?.click();
    expect(steps[0]?.checked).toBe(true);
    const links = [...root.querySelectorAll<HTMLAnchorElement>('[part=share] a')];
    expect(links.length).toBeGreaterThan(5);
    for (const a of links) expect(decodeURIComponent(a.href)).toContain('ref=abc123');
    // Mastodon through the chapter's own instance picker, never a third-party share site.
    const mastodon = links.find((a) => a.textContent === 'Mastodon');
    expect(mastodon?.href).toBe(
      'http://chapter.test/p/quit-chatgpt/share/mastodon?ref=abc123&locale=en',
    );
    const origins = links.map((a) => new URL(a.href).origin);
    expect(origins.filter((o) => o === 'http://chapter.test')).toHaveLength(1);
    await vi.waitFor(() => expect(root.activeElement?.tagName).toBe('H3'));

    // "Copy link" puts the signer's own link on the clipboard and says so.
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    $(root, '[part=share] button').click();
    await vi.waitFor(() =>
      expect($(root, '[part=share] [role=status]').textContent).toBe('Link copied.'),
    );
    expect(copied).toEqual(['http://chapter.test/p/quit-chatgpt?ref=abc123']);
  });

  it('keeps several widgets independent, and stores nothing in the browser', async () => {
    const a = mount();
    const b = mount({ compact: '' });
    await ready(a);
    await ready(b);
    expect(b.querySelector('[part=body]')).toBeNull();
    expect(a.querySelector('[part=body]')).not.toBeNull();
    fill(a, 'email', 'bob@example.org');
    $<HTMLInputElement>(a, '[name="a:why"][value=price]').checked = true;
    submit(a);
    await vi.waitFor(() => $(a, '[part=thanks]'));
    expect(b.querySelector('[part=thanks]')).toBeNull();
    expect($<HTMLInputElement>(b, '[name=email]').value).toBe('');
    expect(document.cookie).toBe('');
    expect(localStorage.length).toBe(0);
    expect(api.requests.every((r) => r.cookie === undefined)).toBe(true);
  });

  it('says so when the pledge cannot be loaded', async () => {
    const el = document.createElement('groundwork-pledge');
    el.setAttribute('pledge', 'nope');
    document.body.append(el);
    const root = el.shadowRoot as ShadowRoot;
    await vi.waitFor(() =>
      expect($(root, '[role=status]').textContent).toBe('This pledge could not be loaded.'),
    );
  });
});
