import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { az } from '../src/i18n/az.ts';
import { en } from '../src/i18n/en.ts';
import { ru } from '../src/i18n/ru.ts';
import { createTranslator } from '../src/i18n/translator.ts';
import { azDateTime, azNumber, azUnit } from '../src/i18n/az-format.ts';
import { describeError } from '../src/i18n/describe-error.ts';
import { ApiError, NetworkError } from '../src/data/errors.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('en and ru translate every az key, with the same placeholders', () => {
  for (const [name, catalog] of [['en', en], ['ru', ru]] as const) {
    assert.equal(Object.keys(catalog).sort(), Object.keys(az).sort(), `${name} has the same keys`);
    for (const [key, text] of Object.entries(az)) {
      const other = (catalog as Record<string, string>)[key];
      assert.ok(other.trim().length > 0, `${name}.${key} is empty`);
      assert.equal(placeholders(other), placeholders(text), `${name}.${key} placeholders`);
    }
  }
});

test('Azerbaijani strings use the Latin alphabet with its own letters and the glossary terms', () => {
  const all = Object.values(az).join(' ');
  for (const letter of ['ə', 'ı', 'ö', 'ü', 'ğ', 'ş', 'ç', 'İ', 'Ə']) assert.ok(all.includes(letter), `uses ${letter}`);
  assert.not.match(all, /[А-Яа-яЁё]/, 'no Cyrillic in az');
  assert.is(az['app.tagline'], 'Çağrı Mərkəzi');
  assert.is(az['nav.adminSection'], 'İnzibatçı paneli');
  assert.is(az['common.save'], 'Yadda saxla');
  assert.is(ru['nav.logout'], 'Выйти');
});

test('parameters are filled and numbers formatted for the locale', () => {
  assert.is(createTranslator('en').t('common.range', { from: 1, to: 20, total: 1234 }), '1–20 of 1,234');
  assert.is(createTranslator('ru').t('home.welcome', { name: 'Aysel' }), 'Добро пожаловать, Aysel');
});

test('Azerbaijani formats follow CLDR even where Intl lacks the locale', () => {
  assert.is(azDateTime(new Date(2026, 10, 27, 9, 5, 7)), '27 noy 2026, 09:05:07');
  assert.is(azNumber(1234567.5), '1.234.567,5');
  assert.is(azUnit(15, 'minute'), '15 dəqiqə');
});

test('error ids map to sentences; rate limits say how long to wait', () => {
  const az_ = createTranslator('az');
  assert.is(describeError(az_, new ApiError('invalid_credentials', 'Wrong username or password', 401)).message, 'İstifadəçi adı və ya şifrə yanlışdır.');
  assert.is(describeError(az_, new NetworkError()).message, 'Filial serveri əlçatan deyil.');
  const limited = describeError(createTranslator('en'), new ApiError('rate_limited', 'Too many', 429, undefined, 840));
  assert.is(limited.message, 'Too many failed attempts. Try again in 14 minutes.');
  const conflict = describeError(az_, new ApiError('conflict', 'User ali already exists', 409));
  assert.is(conflict.message, 'Mövcud məlumatla ziddiyyət var.');
  assert.is(conflict.detail, 'User ali already exists', "the appliance's wording is kept where it names the thing");
  const invalid = describeError(az_, new ApiError('validation_failed', 'bad', 400, [{ path: 'password', message: 'at least 10 characters' }]));
  assert.equal(invalid.fields, [{ path: 'password', message: 'at least 10 characters' }]);
  assert.is(describeError(az_, new ApiError('something_new', 'x', 418)).message, 'Gözlənilməz xəta baş verdi.');
});

test.run();
