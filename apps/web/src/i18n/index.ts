// i18next with Chinese by default and English; the choice is remembered in localStorage and sets <html lang>.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zh } from './zh.ts';

const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('ecoenforce.lang');
export const initialLanguage = saved === 'en' ? 'en' : 'zh';

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: initialLanguage,
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = initialLanguage === 'zh' ? 'zh-CN' : 'en';

export function switchLanguage(): void {
  const next = i18n.language === 'zh' ? 'en' : 'zh';
  void i18n.changeLanguage(next);
  localStorage.setItem('ecoenforce.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

export default i18n;
