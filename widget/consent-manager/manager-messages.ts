import { ZH_CN_DATA_LANGUAGE } from '../i18n/locales/zh-CN.data-language.js';

/** The manager's strings: one object per locale (the journey's catalogue pattern). */
export interface ManagerMessages {
  readonly heading: string;
  readonly loading: string;
  readonly empty: string;
  readonly errorTitle: string;
  readonly retry: string;
  /** The end user's explanation of a failure, by code (the developer's wording goes to `consent-error`). */
  readonly failures: Readonly<Record<'session-expired' | 'network' | 'unknown', string>>;
  readonly status: Record<'active' | 'expiring' | 'expired' | 'revoked', string>;
  readonly sharingSince: (date: string) => string;
  readonly sharingUntil: (date: string) => string;
  readonly endedOn: (date: string) => string;
  readonly historyFrom: (date: string) => string;
  /** A date with its consent's zone, said once per consent: "4 December 2027 (Australian Eastern Time)". */
  readonly inZone: (date: string, zone: string) => string;
  /** The data language in this locale, by the standard's English words (the service sends English); absent for English. */
  readonly dataLanguage?: Readonly<Record<string, string>>;
  readonly dataHeading: string;
  readonly purposesHeading: string;
  readonly showPermissions: (label: string) => string;
  readonly receipt: string;
  readonly stopSharing: string;
  readonly renew: string;
  readonly confirmTitle: (institution: string) => string;
  readonly confirmDelete: string;
  readonly confirmDeidentify: string;
  readonly electDeletion: string;
  readonly confirmImmediate: string;
  readonly confirmAction: string;
  readonly cancel: string;
  readonly revoked: (institution: string) => string;
  readonly dataDeleted: string;
  readonly dataDeidentified: string;
}

const enAU: ManagerMessages = {
  heading: 'Your connected data',
  loading: 'Loading your consents…',
  empty: 'You are not sharing any data.',
  errorTitle: 'Your consents could not be loaded',
  retry: 'Try again',
  failures: {
    'session-expired': 'This link has expired or was already used. Go back to the app you came from and open your consents again.',
    network: 'We could not reach the service. Check your internet connection and try again.',
    unknown: 'Something unexpected went wrong. Nothing was changed. Try again.',
  },
  status: { active: 'Active', expiring: 'Expiring soon', expired: 'Expired', revoked: 'Stopped' },
  sharingSince: (date) => `Shared since ${date}`,
  sharingUntil: (date) => `Until ${date}`,
  endedOn: (date) => `Ended on ${date}`,
  historyFrom: (date) => `Includes data back to ${date}`,
  inZone: (date, zone) => `${date} (${zone})`,
  dataHeading: 'Data shared',
  purposesHeading: 'Why',
  showPermissions: (label) => `Show what "${label}" includes`,
  receipt: 'View receipt',
  stopSharing: 'Stop sharing',
  renew: 'Renew',
  confirmTitle: (institution) => `Stop sharing data from ${institution}?`,
  confirmDelete: 'Your shared data will be deleted.',
  confirmDeidentify: 'Your shared data will be de-identified, so it can no longer identify you.',
  electDeletion: 'Delete my data instead',
  confirmImmediate: 'Sharing stops straight away. To share again later, you will need to give a new consent.',
  confirmAction: 'Stop sharing',
  cancel: 'Cancel',
  revoked: (institution) => `You stopped sharing data from ${institution}.`,
  dataDeleted: 'Your data was deleted.',
  dataDeidentified: 'Your data was de-identified.',
};

const zhCN: ManagerMessages = {
  heading: '您已共享的数据',
  loading: '正在加载您的授权…',
  empty: '您目前没有共享任何数据。',
  errorTitle: '无法加载您的授权',
  retry: '重试',
  failures: {
    'session-expired': '此链接已过期或已被使用。请返回您来自的应用，重新打开您的授权。',
    network: '无法连接到服务。请检查网络连接后重试。',
    unknown: '发生意外错误。未做任何更改。请重试。',
  },
  status: { active: '有效', expiring: '即将到期', expired: '已到期', revoked: '已停止' },
  sharingSince: (date) => `自 ${date} 起共享`,
  sharingUntil: (date) => `至 ${date}`,
  endedOn: (date) => `已于 ${date} 结束`,
  historyFrom: (date) => `包括 ${date} 以来的数据`,
  inZone: (date, zone) => `${date}（${zone}）`,
  dataLanguage: ZH_CN_DATA_LANGUAGE,
  dataHeading: '共享的数据',
  purposesHeading: '用途',
  showPermissions: (label) => `查看“${label}”包含的内容`,
  receipt: '查看回执',
  stopSharing: '停止共享',
  renew: '续期',
  confirmTitle: (institution) => `停止共享来自 ${institution} 的数据？`,
  confirmDelete: '您共享的数据将被删除。',
  confirmDeidentify: '您共享的数据将被去标识化，无法再识别您的身份。',
  electDeletion: '改为删除我的数据',
  confirmImmediate: '共享将立即停止。如需再次共享，您需要重新授权。',
  confirmAction: '停止共享',
  cancel: '取消',
  revoked: (institution) => `您已停止共享来自 ${institution} 的数据。`,
  dataDeleted: '您的数据已被删除。',
  dataDeidentified: '您的数据已被去标识化。',
};

export function managerMessages(locale: string | undefined): { locale: string; messages: ManagerMessages } {
  return locale?.toLowerCase().startsWith('zh') ? { locale: 'zh-CN', messages: zhCN } : { locale: 'en-AU', messages: enAU };
}
