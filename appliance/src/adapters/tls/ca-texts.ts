/**
 * Texts of the CA installation page. The page is served by the appliance to
 * devices that have no EdgeCall app yet, so its az/en/ru texts live here and
 * not in the PWA's catalogs. `{url}` is the HTTPS address of the app,
 * `{ca}` the CA's display name, `{file}` the PEM file's name.
 */
export type CaLang = 'az' | 'en' | 'ru';
export const CA_LANGS: readonly CaLang[] = ['az', 'en', 'ru'];

export interface CaTexts {
  title: string;
  lead: string;
  operatorNote: string;
  fingerprint: string;
  download: string;
  forAndroidWindows: string;
  forApple: string;
  forOthers: string;
  scan: string;
  open: string;
  platforms: { android: string; apple: string; windows: string; linux: string };
  steps: { android: string[]; apple: string[]; windows: string[]; linux: string[] };
  language: string;
}

export const CA_TEXTS: Record<CaLang, CaTexts> = {
  az: {
    title: 'Filial sertifikatını quraşdırın',
    lead:
      'Bu filialda EdgeCall təhlükəsiz bağlantı (HTTPS) ilə işləyir. Tətbiqin quraşdırılması və şəbəkəsiz işləməsi üçün hər cihaz filialın sertifikat mərkəzinə (CA) bir dəfə etibar etməlidir.',
    operatorNote: 'Bu filial təşkilatınızın sertifikatından istifadə edir; təşkilatın idarə etdiyi cihazlar adətən ona artıq etibar edir.',
    fingerprint: 'Barmaq izi (SHA-256)',
    download: 'Yükləyin',
    forAndroidWindows: 'Android və Windows (.cer)',
    forApple: 'iPhone və iPad (profil)',
    forOthers: 'Linux və digərləri (.crt, PEM)',
    scan: 'Bu səhifəni planşetdə açmaq üçün onun kamerası ilə skan edin:',
    open: 'Sonra EdgeCall-ı açın',
    platforms: { android: 'Android', apple: 'iPhone və iPad', windows: 'Windows', linux: 'Linux' },
    steps: {
      android: [
        'Android və Windows üçün sertifikatı (.cer) yükləyin.',
        'Parametrlər → Təhlükəsizlik → Şifrələmə və etimadnamələr → Sertifikat quraşdır → CA sertifikatı bölməsini açın və yüklənmiş faylı seçin (adlar istehsalçıya görə fərqlənir; parametrlərdə «CA sertifikatı» axtarın).',
        'EdgeCall-ı Chrome-da {url} ünvanında açın və «Tətbiqi quraşdır» seçin.',
      ],
      apple: [
        'Bu səhifəni Safari-də açın və profili yükləyin.',
        'Parametrlər → Profil yükləndi → Quraşdır.',
        'Parametrlər → Ümumi → Haqqında → Sertifikatlara etibar parametrləri: «{ca}» üçün tam etibarı aktiv edin.',
        '{url} ünvanını Safari-də açın: Paylaş → Əsas ekrana əlavə et.',
      ],
      windows: [
        'Sertifikatı (.cer) yükləyin və açın.',
        'Sertifikatı quraşdır → Yerli kompüter → Bütün sertifikatları bu anbarda yerləşdir: Etibarlı kök sertifikat mərkəzləri → Bitir (administrator hüquqları lazımdır).',
        'Brauzeri (Chrome, Edge) yenidən başladın və {url} ünvanını açın.',
      ],
      linux: [
        'Chrome/Chromium: Parametrlər → Məxfilik və təhlükəsizlik → Təhlükəsizlik → Sertifikatları idarə et → Səlahiyyətli mərkəzlər → İdxal; .crt faylını seçin və «Veb saytları tanımaq üçün bu sertifikata etibar et» seçimini işarələyin.',
        'Firefox: Parametrlər → Məxfilik və təhlükəsizlik → Sertifikatlar → Sertifikatlara bax → Səlahiyyətli mərkəzlər → İdxal.',
        'Bütün sistem üçün (Debian/Ubuntu): sudo cp {file} /usr/local/share/ca-certificates/ && sudo update-ca-certificates',
      ],
    },
    language: 'Dil',
  },
  en: {
    title: 'Install the branch certificate',
    lead:
      'EdgeCall on this branch uses a secure connection (HTTPS). So that the app can be installed and work without the network, each device must trust the branch certificate authority (CA) once.',
    operatorNote: "This branch uses your organisation's certificate; devices the organisation manages usually trust it already.",
    fingerprint: 'Fingerprint (SHA-256)',
    download: 'Download',
    forAndroidWindows: 'Android and Windows (.cer)',
    forApple: 'iPhone and iPad (profile)',
    forOthers: 'Linux and others (.crt, PEM)',
    scan: "Scan with the tablet's camera to open this page on it:",
    open: 'Then open EdgeCall',
    platforms: { android: 'Android', apple: 'iPhone and iPad', windows: 'Windows', linux: 'Linux' },
    steps: {
      android: [
        'Download the certificate for Android and Windows (.cer).',
        'Open Settings → Security → Encryption & credentials → Install a certificate → CA certificate and choose the downloaded file (names vary by maker; search the settings for "CA certificate").',
        'Open EdgeCall at {url} in Chrome and choose "Install app".',
      ],
      apple: [
        'Open this page in Safari and download the profile.',
        'Settings → Profile Downloaded → Install.',
        'Settings → General → About → Certificate Trust Settings: turn on full trust for "{ca}".',
        'Open {url} in Safari: Share → Add to Home Screen.',
      ],
      windows: [
        'Download the certificate (.cer) and open it.',
        'Install Certificate → Local Machine → Place all certificates in the following store: Trusted Root Certification Authorities → Finish (needs an administrator).',
        'Restart the browser (Chrome, Edge) and open {url}.',
      ],
      linux: [
        'Chrome/Chromium: Settings → Privacy and security → Security → Manage certificates → Authorities → Import; choose the .crt file and tick "Trust this certificate for identifying websites".',
        'Firefox: Settings → Privacy & Security → Certificates → View Certificates → Authorities → Import.',
        'System-wide (Debian/Ubuntu): sudo cp {file} /usr/local/share/ca-certificates/ && sudo update-ca-certificates',
      ],
    },
    language: 'Language',
  },
  ru: {
    title: 'Установите сертификат филиала',
    lead:
      'EdgeCall в этом филиале работает по защищённому соединению (HTTPS). Чтобы приложение можно было установить и оно работало без сети, каждое устройство должно один раз довериться центру сертификации (ЦС) филиала.',
    operatorNote: 'Этот филиал использует сертификат вашей организации; устройства, которыми управляет организация, обычно уже доверяют ему.',
    fingerprint: 'Отпечаток (SHA-256)',
    download: 'Скачать',
    forAndroidWindows: 'Android и Windows (.cer)',
    forApple: 'iPhone и iPad (профиль)',
    forOthers: 'Linux и другие (.crt, PEM)',
    scan: 'Отсканируйте камерой планшета, чтобы открыть эту страницу на нём:',
    open: 'Затем откройте EdgeCall',
    platforms: { android: 'Android', apple: 'iPhone и iPad', windows: 'Windows', linux: 'Linux' },
    steps: {
      android: [
        'Скачайте сертификат для Android и Windows (.cer).',
        'Откройте Настройки → Безопасность → Шифрование и учётные данные → Установить сертификат → Сертификат ЦС и выберите скачанный файл (названия зависят от производителя; найдите в настройках «сертификат ЦС»).',
        'Откройте EdgeCall по адресу {url} в Chrome и выберите «Установить приложение».',
      ],
      apple: [
        'Откройте эту страницу в Safari и скачайте профиль.',
        'Настройки → Профиль загружен → Установить.',
        'Настройки → Основные → Об этом устройстве → Доверие сертификатам: включите полное доверие для «{ca}».',
        'Откройте {url} в Safari: Поделиться → На экран «Домой».',
      ],
      windows: [
        'Скачайте сертификат (.cer) и откройте его.',
        'Установить сертификат → Локальный компьютер → Поместить все сертификаты в следующее хранилище: Доверенные корневые центры сертификации → Готово (нужны права администратора).',
        'Перезапустите браузер (Chrome, Edge) и откройте {url}.',
      ],
      linux: [
        'Chrome/Chromium: Настройки → Конфиденциальность и безопасность → Безопасность → Настроить сертификаты → Центры сертификации → Импорт; выберите файл .crt и отметьте «Доверять этому сертификату при идентификации сайтов».',
        'Firefox: Настройки → Приватность и защита → Сертификаты → Просмотр сертификатов → Центры сертификации → Импортировать.',
        'Для всей системы (Debian/Ubuntu): sudo cp {file} /usr/local/share/ca-certificates/ && sudo update-ca-certificates',
      ],
    },
    language: 'Язык',
  },
};

/** `?lang=` wins, then the best of Accept-Language by q, then Azerbaijani. */
export function pickLanguage(queryLang: string | null, acceptLanguage: string | undefined): CaLang {
  const q = queryLang?.toLowerCase();
  if (q && (CA_LANGS as string[]).includes(q)) return q as CaLang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const qv = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: qv === undefined ? 1 : Number(qv), i };
    })
    .filter((x) => x.q > 0 && (CA_LANGS as string[]).includes(x.lang))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked[0]?.lang as CaLang | undefined) ?? 'az';
}
