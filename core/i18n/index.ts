/**
 * core/i18n — the two languages. Every user-facing message exists in zh-CN and English and is
 * built in one place per module from a table of this shape.
 */
export type Lang = 'zh' | 'en';

/** A message in both languages; `P` is its parameters. */
export type Message<P = void> = { readonly zh: (p: P) => string; readonly en: (p: P) => string };

/** Pick a language from a locale tag such as zh-CN, zh-Hans, en-US (anything not Chinese is English). */
export function langFromLocale(locale: string | undefined | null): Lang {
  return /^zh(?:[-_.@]|$)/i.test((locale ?? '').trim()) ? 'zh' : 'en';
}

/** Render a message in a language. */
export function say<P>(message: Message<P>, lang: Lang, params: P): string {
  return message[lang](params);
}
