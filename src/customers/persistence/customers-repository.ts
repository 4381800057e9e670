import type { CustomersTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { Customer, CustomerType } from '../domain/customer.js';

export class CustomersRepository {
  constructor(private readonly ctx: DbContext) {}

  async findById(id: string): Promise<Customer | null> {
    const row = await this.ctx.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toCustomer(row) : null;
  }

  async findByPhone(normalisedPhone: string): Promise<Customer | null> {
    const row = await this.ctx.db
      .selectFrom('customers')
      .selectAll()
      .where('phone', '=', normalisedPhone)
      .orderBy('created_at')
      .executeTakeFirst();
    return row ? toCustomer(row) : null;
  }

  async insert(customer: Customer, at: string): Promise<void> {
    await this.ctx.db
      .insertInto('customers')
      .values({ ...customer, created_at: at, updated_at: at })
      .execute();
  }
}

function toCustomer(row: CustomersTable): Customer {
  return { id: row.id, name: row.name, phone: row.phone, tier: row.tier, type: row.type as CustomerType };
}
