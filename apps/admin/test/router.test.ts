import { expect, it } from 'vitest';
import { safeNext } from '../src/pages/SignInPage.tsx';
import { matchPath } from '../src/router/index.tsx';

it('matches patterns with params and rejects other paths', () => {
  expect(matchPath('/c/:chapter', '/c/quitgpt-paris')).toEqual({ chapter: 'quitgpt-paris' });
  expect(matchPath('/c/:chapter/members', '/c/paris/members/')).toEqual({ chapter: 'paris' });
  expect(matchPath('/c/:chapter/members', '/c/paris')).toBeNull();
  expect(matchPath('/', '/')).toEqual({});
  expect(matchPath('/account', '/accounts')).toBeNull();
});

it('only follows a next= path inside the admin', () => {
  expect(safeNext('/c/paris/members')).toBe('/c/paris/members');
  expect(safeNext('//evil.example')).toBe('/');
  expect(safeNext('https://evil.example')).toBe('/');
  expect(safeNext(null)).toBe('/');
});
