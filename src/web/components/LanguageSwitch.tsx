import { LOCALES } from '../../shared/locales.js';
import { useI18n } from '../i18n/context.js';

/** Two pressed/unpressed buttons: each names its language in that language. */
export function LanguageSwitch({ onChange }: { onChange?: (locale: (typeof LOCALES)[number]) => void }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')}>
      {[...LOCALES].reverse().map((l) => (
        <button
          key={l}
          type="button"
          className="btn btn-small"
          lang={l === 'zh-cn' ? 'zh-CN' : 'en'}
          aria-pressed={locale === l}
          data-lang={l}
          onClick={() => {
            setLocale(l, true);
            onChange?.(l);
          }}
        >
          {l === 'zh-cn' ? '中文' : 'EN'}
        </button>
      ))}
    </div>
  );
}
