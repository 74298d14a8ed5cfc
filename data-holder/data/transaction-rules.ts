import type { AccountKind, SandboxCustomer } from './sandbox-customers.js';

/** What a rule may post on one day: an amount with the CDS fields that describe it. */
export interface Posting {
  readonly amount: number;
  readonly type: 'PAYMENT' | 'TRANSFER_INCOMING' | 'TRANSFER_OUTGOING' | 'DIRECT_DEBIT' | 'INTEREST_PAID' | 'INTEREST_CHARGED' | 'FEE';
  readonly description: string;
  readonly category: string;
  readonly merchantName?: string;
  readonly merchantCategoryCode?: string;
  readonly billerName?: string;
}

export interface DayContext {
  readonly date: Date;
  readonly customer: SandboxCustomer;
  /** Seeded by account and day: the same day always draws the same numbers. */
  readonly random: () => number;
  /** Seeded by customer and month: lets two accounts agree on a transfer's amount. */
  readonly monthly: (label: string) => number;
  readonly balance: number;
  readonly interestRate: number;
}

const SALARY_ANCHOR = Date.UTC(2017, 0, 5); // a Thursday: pay lands every second Thursday from here
const DAY_MS = 86_400_000;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: () => number, min: number, max: number) => Math.round((min + random() * (max - min)) * 100) / 100;
const isLastDayOfMonth = (d: Date) => new Date(d.getTime() + DAY_MS).getUTCDate() === 1;
const isPayday = (d: Date) => Math.round((d.getTime() - SALARY_ANCHOR) / DAY_MS) % 14 === 0;
/** Pay rises 3% each July, as Australian awards and enterprise agreements usually do. */
const payOn = (base: number, d: Date) => Math.round(base * 1.03 ** Math.max(0, d.getUTCFullYear() - 2020 + (d.getUTCMonth() >= 6 ? 1 : 0)) * 100) / 100;

const GROCERS = [['WOOLWORTHS', 'Woolworths'], ['COLES', 'Coles'], ['ALDI STORES', 'ALDI'], ['IGA', 'IGA']] as const;
const CAFES = [['BEAN THERE CAFE', 'Bean There Cafe'], ['GLORIA JEANS', "Gloria Jean's"], ['THE GROUNDS', 'The Grounds'], ['SEVEN SEEDS', 'Seven Seeds']] as const;
const FUEL = [['AMPOL', 'Ampol'], ['BP', 'BP'], ['SHELL COLES EXPRESS', 'Shell Coles Express'], ['7-ELEVEN', '7-Eleven']] as const;
const SHOPS = [['AMAZON AU', 'Amazon Australia', '5942'], ['JB HI-FI', 'JB Hi-Fi', '5732'], ['UBER *TRIP', 'Uber', '4121'], ['KMART', 'Kmart', '5311'], ['BUNNINGS', 'Bunnings Warehouse', '5200'], ['UBER *EATS', 'Uber Eats', '5812'], ['DAN MURPHYS', "Dan Murphy's", '5921']] as const;
const SUPPLIERS = ['REECE PLUMBING', 'TRADELINK', 'BUNNINGS TRADE', 'MIDDYS ELECTRICAL'] as const;
const CLIENTS = ['BRISBANE BUILDERS', 'RIVERCITY STRATA', 'SUNSHINE HOMES', 'QLD SCHOOLS MAINT'] as const;

function purchase(random: () => number, [description, merchantName, mcc]: readonly [string, string, string?], min: number, max: number, category: string, defaultMcc: string): Posting {
  return { amount: -between(random, min, max), type: 'PAYMENT', description: `${description} ${1000 + Math.floor(random() * 8999)}`, category, merchantName, merchantCategoryCode: mcc ?? defaultMcc };
}

const bill = (amount: number, billerName: string, category: string): Posting => ({ amount: -amount, type: 'DIRECT_DEBIT', description: `${billerName.toUpperCase()} DIRECT DEBIT`, category, billerName });

function everyday(c: DayContext): Posting[] {
  const { date, random, customer } = c;
  const day = date.getUTCDate();
  const out: Posting[] = [];
  if (isPayday(date)) out.push({ amount: payOn(customer.pay, date), type: 'TRANSFER_INCOMING', description: customer.payer, category: 'income' });
  const hasHomeLoan = customer.accounts.some((a) => a.kind === 'home-loan');
  if (day === 1) out.push(hasHomeLoan ? { amount: -3850, type: 'TRANSFER_OUTGOING', description: 'TRANSFER TO HOME LOAN', category: 'housing' } : { amount: -2600, type: 'TRANSFER_OUTGOING', description: 'RENT RAY WHITE COOGEE', category: 'housing' });
  if (day === 3) out.push({ amount: -500, type: 'TRANSFER_OUTGOING', description: 'TRANSFER TO SAVINGS', category: 'transfer' });
  if (day === 15 && customer.accounts.some((a) => a.kind === 'credit-card')) out.push({ amount: -c.monthly('card-repayment'), type: 'TRANSFER_OUTGOING', description: 'CREDIT CARD REPAYMENT', category: 'transfer' });
  if (day === 8) out.push(bill(89, 'Telstra', 'utilities'));
  if (day === 12) out.push(bill(95, 'Aussie Broadband', 'utilities'));
  if (day === 20) out.push(bill(18.99, 'Netflix', 'entertainment'));
  if (day === 22) out.push(bill(13.99, 'Spotify', 'entertainment'));
  if (day === 25) out.push(bill(168.4, 'Medibank', 'health'));
  if (day === 18 && date.getUTCMonth() % 3 === 0) out.push(bill(between(random, 280, 460), 'AGL Energy', 'utilities'));
  if (random() < 0.3) out.push(purchase(random, pick(random, GROCERS), 35, 210, 'groceries', '5411'));
  if (random() < 0.35) out.push(purchase(random, pick(random, CAFES), 4.5, 19, 'eating-out', '5814'));
  if (random() < 0.12) out.push(purchase(random, pick(random, FUEL), 55, 115, 'transport', '5541'));
  if (random() < 0.04) out.push(purchase(random, ['CHEMIST WAREHOUSE', 'Chemist Warehouse'], 8, 65, 'health', '5912'));
  return out;
}

function savings(c: DayContext): Posting[] {
  const out: Posting[] = [];
  if (c.date.getUTCDate() === 3) out.push({ amount: 500, type: 'TRANSFER_INCOMING', description: 'TRANSFER FROM EVERYDAY', category: 'transfer' });
  if (isLastDayOfMonth(c.date)) out.push({ amount: Math.round(((c.balance * c.interestRate) / 12) * 100) / 100, type: 'INTEREST_PAID', description: 'BONUS INTEREST', category: 'income' });
  return out;
}

function creditCard(c: DayContext): Posting[] {
  const out: Posting[] = [];
  if (c.date.getUTCDate() === 15) out.push({ amount: c.monthly('card-repayment'), type: 'TRANSFER_INCOMING', description: 'PAYMENT RECEIVED THANK YOU', category: 'transfer' });
  if (c.random() < 0.3) {
    const shop = pick(c.random, SHOPS);
    out.push(purchase(c.random, shop, 12, 260, shop[1] === 'Uber' ? 'transport' : shop[1] === 'Uber Eats' ? 'eating-out' : 'shopping', '5999'));
  }
  return out;
}

function loan(c: DayContext): Posting[] {
  const out: Posting[] = [];
  const business = c.customer.customerUType === 'organisation';
  if (c.date.getUTCDate() === 1) out.push({ amount: business ? 2100 : 3850, type: 'TRANSFER_INCOMING', description: 'REPAYMENT THANK YOU', category: 'transfer' });
  if (isLastDayOfMonth(c.date)) out.push({ amount: Math.round(((c.balance * c.interestRate) / 12) * 100) / 100, type: 'INTEREST_CHARGED', description: 'INTEREST CHARGED', category: 'interest' });
  return out;
}

function business(c: DayContext): Posting[] {
  const { date, random } = c;
  const out: Posting[] = [];
  if (random() < 0.3) out.push({ amount: between(random, 800, 7800), type: 'TRANSFER_INCOMING', description: `INVOICE PAYMENT ${pick(random, CLIENTS)}`, category: 'income' });
  if (random() < 0.3) out.push({ amount: -between(random, 200, 3400), type: 'PAYMENT', description: `${pick(random, SUPPLIERS)} ${1000 + Math.floor(random() * 8999)}`, category: 'supplies', merchantCategoryCode: '5074' });
  if (isPayday(date)) out.push({ amount: -6840, type: 'TRANSFER_OUTGOING', description: 'PAYROLL WAGES', category: 'payroll' });
  if (date.getUTCDate() === 28 && date.getUTCMonth() % 3 === 0) out.push({ amount: -between(random, 4200, 9800), type: 'PAYMENT', description: 'ATO BAS PAYMENT', category: 'tax', billerName: 'Australian Taxation Office' });
  if (date.getUTCDate() === 1) out.push({ amount: -2100, type: 'TRANSFER_OUTGOING', description: 'EQUIPMENT LOAN REPAYMENT', category: 'transfer' });
  return out;
}

/** The day's postings for one kind of account. */
export const RULES: Record<AccountKind, (context: DayContext) => Posting[]> = {
  everyday,
  savings,
  'credit-card': creditCard,
  'home-loan': loan,
  business,
};

/** The card repayment each month: 400–1,500, agreed by the everyday and card accounts. */
export const MONTHLY_AMOUNTS: Record<string, (random: () => number) => number> = {
  'card-repayment': (random) => between(random, 400, 1500),
};
