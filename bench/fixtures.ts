/**
 * Deterministic data for the benchmark: a seeded PRNG, time-ordered ids, weighted choices,
 * Chinese ticket texts and valid form values for every demo service item, plus the bodies
 * the HTTP create phase sends.
 */

/** mulberry32: small, fast and good enough to spread synthetic data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An exponentially distributed delay with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** 32 random bits. */
  u32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }
}

/** Picks values by weight; build once, pick many times. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly values: T[] = [];

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    let total = 0;
    for (const [value, weight] of entries) {
      total += weight;
      this.values.push(value);
      this.cumulative.push(total);
    }
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i]! /= total;
  }

  pick(rng: Rng): T {
    const u = rng.next();
    for (let i = 0; i < this.cumulative.length; i++) if (u < this.cumulative[i]!) return this.values[i]!;
    return this.values[this.values.length - 1]!;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
let idCounter = 0;

/**
 * A UUIDv7 for an instant in the past, as the application's ids are (time-ordered, so seeded
 * rows land in index order). The last 32 bits are a counter, so ids never collide.
 */
export function uuidV7At(ms: number, rng: Rng): string {
  const hi = Math.floor(ms / 0x10000);
  const lo = ms % 0x10000;
  const a = rng.u32();
  const c = (idCounter = (idCounter + 1) >>> 0);
  const ts = hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(4, '0');
  const randA = (0x7000 | (a & 0x0fff)).toString(16);
  const randB = (0x8000 | ((a >>> 12) & 0x3fff)).toString(16);
  const tail = HEX[(a >>> 26) & 0x3f]! + HEX[rng.int(0, 255)]! + HEX[(c >>> 24) & 0xff]! + HEX[(c >>> 16) & 0xff]! + HEX[(c >>> 8) & 0xff]! + HEX[c & 0xff]!;
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-${randA}-${randB}-${tail}`;
}

export const CHANNEL_WEIGHTS = new Weighted<string>([
  ['phone', 60],
  ['wechat', 12],
  ['app', 10],
  ['web', 8],
  ['email', 5],
  ['chat', 4],
  ['walk_in', 1],
]);

export const CATEGORY_WEIGHTS = new Weighted<string>([
  ['inquiry', 28],
  ['fault', 15],
  ['service_request', 14],
  ['complaint', 8],
  ['refund', 17],
  ['suggestion', 5],
  ['other', 13],
]);

export const PRIORITY_WEIGHTS = new Weighted<string>([
  ['urgent', 5],
  ['high', 20],
  ['medium', 60],
  ['low', 15],
]);

export const SERVICE_ITEM_WEIGHTS = new Weighted<string>([
  ['mall_presales', 10],
  ['mall_aftersales', 15],
  ['flights', 8],
  ['flights_change', 7],
  ['flowers', 6],
  ['hotels', 8],
  ['car_insurance', 8],
  ['mobile_topup', 15],
  ['movie_tickets', 8],
  ['mall_suppliers', 3],
  ['partners', 3],
  ['other', 9],
]);

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '婷'];

export function chineseName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

const MOBILE_PREFIXES = ['138', '139', '135', '136', '186', '177', '150', '152', '188', '159'];

/** The k-th synthetic mobile number; distinct k give distinct numbers (for k below 10^9). */
export function mobileNumber(k: number): string {
  const prefix = MOBILE_PREFIXES[k % MOBILE_PREFIXES.length]!;
  const digits = (Math.floor(k / MOBILE_PREFIXES.length) * 2654435761) % 100_000_000;
  return prefix + String(digits).padStart(8, '0');
}

const PRODUCTS = ['蓝牙耳机', '电饭煲', '羽绒服', '扫地机器人', '空气净化器', '儿童座椅', '运动鞋', '智能手表', '床上四件套', '保温杯'];
const CITIES = ['北京', '上海', '广州', '深圳', '成都', '杭州', '武汉', '西安', '南京', '重庆'];
const HOTELS = ['锦江之星', '如家酒店', '汉庭酒店', '全季酒店', '亚朵酒店', '希尔顿欢朋', '维也纳酒店'];
const AIRLINES = ['CA', 'MU', 'CZ', 'HU', 'ZH', '3U', 'MF'];

const DESCRIPTIONS: Record<string, string[]> = {
  inquiry: [
    '客户来电咨询{product}的使用方法和保修期限，询问是否支持七天无理由退换，以及发票如何开具。',
    '客户询问订单{order}的配送进度，表示页面显示已发货但三天没有物流更新，希望尽快确认送达时间。',
    '客户咨询会员积分的使用规则，想了解积分能否抵扣运费以及积分的有效期。',
    '客户来电询问{city}地区是否支持当日达服务，以及节假日是否正常配送。',
  ],
  fault: [
    '客户反映APP下单时支付页面一直转圈，重试多次仍然失败，已截图保存，影响正常购买，请尽快排查。',
    '客户反馈{product}收到后无法开机，充电两小时依旧没有反应，怀疑是产品质量问题，要求检测处理。',
    '客户称充值页面提示成功但手机号未到账，已等待超过两小时，订单号{order}，请核实系统状态。',
    '客户反映在{city}使用电子券时系统提示券码无效，门店无法核销，客户情绪比较着急。',
  ],
  service_request: [
    '客户申请修改订单{order}的收货地址，新地址为{city}市内，要求在发货前完成变更。',
    '客户申请参加本月满减活动，下单时未自动享受优惠，请确认活动资格并补发优惠。',
    '客户申请开具增值税专用发票，已提供单位名称和税号，请财务协助处理。',
    '客户申请延长{product}的保修服务，希望了解延保费用并办理。',
  ],
  complaint: [
    '客户投诉快递员未送货上门，直接放在驿站且未电话通知，要求对配送人员进行处理并道歉。',
    '客户投诉客服热线等待时间过长，上次来电等待二十分钟未接通，对服务质量非常不满。',
    '客户投诉收到的{product}与页面描述不符，颜色和尺寸都有差异，要求给出合理解释。',
    '客户投诉在{city}门店受到不礼貌对待，要求门店负责人回电说明情况。',
  ],
  refund: [
    '客户要求对订单{order}办理退款，商品尚未发货，客户已在APP提交申请但一直显示审核中。',
    '客户申请退款，收到的{product}存在明显破损，已拍照留证，要求全额退款并承担退货运费。',
    '客户重复支付了两次，订单号{order}，要求将多扣的款项原路退回。',
    '客户取消了{city}的酒店预订，按规则应免费取消，但只收到部分退款，要求补退差额。',
  ],
  suggestion: [
    '客户建议APP增加订单合并付款功能，认为多个店铺分别付款操作繁琐。',
    '客户建议在物流页面显示快递员联系电话，方便直接沟通送货时间。',
    '客户建议会员日活动提前一周公布，便于提前规划购买。',
  ],
  other: [
    '客户来电反映相关情况，需要进一步核实后回复，客户希望工作日白天联系。',
    '客户来电表示对最近一次服务有疑问，具体情况需要查询历史记录后再答复。',
    '客户要求变更账户绑定的手机号，已核实身份信息，请相关部门协助处理。',
  ],
};

const NOTES = [
  '已电话联系客户，客户表示知晓，等待进一步处理。',
  '已联系商家核实情况，商家承诺今日内给出答复。',
  '已查询系统记录，情况属实，继续跟进。',
  '客户再次来电催促，已安抚并告知处理进度。',
  '已提交技术部门排查，等待排查结果。',
  '已与物流公司沟通，预计明天送达。',
];

const RESULTS = [
  '已为客户办理全额退款，预计三到五个工作日原路退回。',
  '已补发商品并赠送优惠券一张，客户表示满意。',
  '问题已修复，已通知客户重新操作，验证正常。',
  '已核实并调整订单信息，客户确认无误。',
  '已向客户说明规则并给予补偿，客户接受处理方案。',
];

const REASONS = [
  '客户表示已自行解决，无需继续处理。',
  '信息不完整，缺少订单号，请补充后再派单。',
  '不属于本部门处理范围，请重新派单。',
  '等待客户提供付款截图。',
];

export function pickNote(rng: Rng): string {
  return rng.pick(NOTES);
}
export function pickResult(rng: Rng): string {
  return rng.pick(RESULTS);
}
export function pickReason(rng: Rng): string {
  return rng.pick(REASONS);
}

export function orderNumber(rng: Rng): string {
  return `DD${rng.int(2025, 2026)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** A description for a category, with placeholders filled in. */
export function description(rng: Rng, category: string): string {
  const template = rng.pick(DESCRIPTIONS[category] ?? DESCRIPTIONS.other!);
  return template
    .replace('{product}', rng.pick(PRODUCTS))
    .replace('{order}', orderNumber(rng))
    .replace('{city}', rng.pick(CITIES));
}

/** The title the application derives from a description (its first line, at most 60 characters). */
export function titleOf(description: string): string {
  const firstLine = description.trim().split('\n')[0] ?? '';
  return firstLine.length > 60 ? `${firstLine.slice(0, 59)}…` : firstLine;
}

function isoDate(rng: Rng): string {
  const day = new Date(Date.UTC(2026, 0, 1) + rng.int(0, 364) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** Valid form values for each demo service item (required fields always, optional ones often). */
export function formFields(rng: Rng, serviceItem: string): Record<string, string | number> {
  switch (serviceItem) {
    case 'mall_aftersales':
      return rng.chance(0.6) ? { orderNumber: orderNumber(rng), amount: rng.int(10, 5000) } : { orderNumber: orderNumber(rng) };
    case 'flights':
      return { flightNumber: `${rng.pick(AIRLINES)}${rng.int(1000, 9999)}`, travelDate: isoDate(rng) };
    case 'flights_change':
      return { flightNumber: `${rng.pick(AIRLINES)}${rng.int(1000, 9999)}`, orderNumber: orderNumber(rng) };
    case 'flowers':
      return { orderNumber: orderNumber(rng), deliveryDate: isoDate(rng) };
    case 'hotels':
      return { hotelName: `${rng.pick(CITIES)}${rng.pick(HOTELS)}`, checkInDate: isoDate(rng) };
    case 'car_insurance':
      return { policyNumber: `PDAA${rng.int(2025, 2026)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`, plateNumber: `京A${rng.int(10000, 99999)}` };
    case 'mobile_topup':
      return { mobile: mobileNumber(rng.int(0, 10_000_000)), amount: rng.pick([30, 50, 100, 200, 300]) };
    case 'movie_tickets':
      return { orderNumber: orderNumber(rng) };
    default:
      return {};
  }
}

/** Body of POST /api/v1/tickets, as an agent's console sends it. */
export interface CreateTicketBody {
  description: string;
  channel: string;
  category: string;
  serviceItem: string;
  priority: string;
  customer: { phone: string; name?: string };
  fields?: Record<string, string | number>;
  answeredOnSpot?: boolean;
  result?: string;
  department?: string;
}

const MANUAL_DEPARTMENTS = ['difficult_cases', 'internal_control', 'refunds', 'external_partners'];

/**
 * Varied, valid create requests: classified by the agent, for a known caller (70%, found by
 * phone) or a new one; some answered on the spot (在线解答), a few sent to a named department,
 * the rest routed by the rules.
 */
export function createBodies(count: number, knownPhones: readonly string[], seed = 7): string[] {
  const rng = new Rng(seed);
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const category = CATEGORY_WEIGHTS.pick(rng);
    const serviceItem = SERVICE_ITEM_WEIGHTS.pick(rng);
    const known = knownPhones.length > 0 && rng.chance(0.7);
    const phone = known ? rng.pick(knownPhones) : mobileNumber(50_000_000 + rng.int(0, 40_000_000));
    const body: CreateTicketBody = {
      description: description(rng, category),
      channel: rng.chance(0.85) ? 'phone' : rng.pick(['wechat', 'app', 'web', 'chat']),
      category,
      serviceItem,
      priority: PRIORITY_WEIGHTS.pick(rng),
      customer: known ? { phone } : { phone, name: chineseName(rng) },
    };
    const fields = formFields(rng, serviceItem);
    if (Object.keys(fields).length > 0) body.fields = fields;
    if ((category === 'inquiry' || category === 'other') && rng.chance(0.35)) {
      body.answeredOnSpot = true;
      body.result = pickResult(rng);
    } else if (rng.chance(0.05)) {
      body.department = rng.pick(MANUAL_DEPARTMENTS);
    }
    bodies.push(JSON.stringify(body));
  }
  return bodies;
}
