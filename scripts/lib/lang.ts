import { langFromLocale, type Lang } from '../../core/i18n';

/** The command line's language: --lang, else the locale of the environment (LC_ALL, LC_MESSAGES, LANG). */
export function cliLang(option: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (option === 'zh' || option === 'en') return option;
  return langFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}
