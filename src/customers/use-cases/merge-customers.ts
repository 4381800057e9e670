import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { conflict, forbidden, invalidField } from '../../platform/errors.js';
import { reindexTickets } from '../../search/use-cases/index-ticket.js';
import { normaliseTags } from '../domain/customer.js';
import { mayMergeCustomers } from '../domain/privacy.js';
import { auditEntry, findLiveCustomer, loadRecord, type CustomerRecord } from './customer-records.js';

export interface MergeOutcome {
  customer: CustomerRecord;
  moved: { tickets: number; identities: number; contacts: number };
}

/**
 * Merges a duplicate customer into the one that stays: identities, tickets, contacts and tags
 * move there; the survivor keeps its own name, primaries and attribute values and takes the
 * duplicate's where it has none. The duplicate stays with `mergedIntoId`, so its old id still
 * leads somewhere. Ticket timelines are not rewritten; each moved ticket gets an audit entry.
 */
export async function mergeCustomers(ctx: UseCaseContext, actor: Actor, duplicateId: string, intoId: string): Promise<MergeOutcome> {
  if (!mayMergeCustomers(actor.role)) throw forbidden('action_forbidden', `A user with the role ${actor.role} may not merge customers.`);
  return ctx.uow.write(async (repos) => {
    const at = ctx.clock.now().toISOString();
    if (duplicateId === intoId) throw invalidField('into', 'conflicts', 'must be another customer', 'invalid_merge');
    // Two crossed merges (A into B, B into A) then queue: the second finds its customer merged.
    await repos.customers.lockAll([duplicateId, intoId]);
    const duplicate = await findLiveCustomer(repos, duplicateId);
    const into = await repos.customers.findById(intoId);
    if (!into || into.deletedAt !== null) throw invalidField('into', 'unknown_reference', 'no such customer', 'invalid_reference');
    if (into.mergedIntoId) {
      throw conflict('customer_merged', `Customer ${intoId} was itself merged into ${into.mergedIntoId}; merge into that one.`, { mergedIntoId: into.mergedIntoId });
    }
    if (into.parentId === duplicate.id) throw invalidField('into', 'conflicts', 'is a contact of this customer; an enterprise cannot be merged into its own contact', 'invalid_merge');
    const contacts = await repos.customers.countContacts(duplicate.id);
    if (contacts > 0 && into.type !== 'enterprise') {
      throw conflict('merge_type_conflict', `Customer ${duplicate.name} has ${contacts} contacts; it can only be merged into an enterprise customer.`);
    }
    const [duplicateIds, intoIds] = await Promise.all([repos.customers.identitiesOf(duplicate.id), repos.customers.identitiesOf(into.id)]);
    if (duplicateIds.some((i) => i.kind === 'id_card') && intoIds.some((i) => i.kind === 'id_card')) {
      throw conflict('conflicting_id_numbers', 'Both customers have an ID number; two ID numbers mean two people. Remove the wrong one first.');
    }

    const identities = await repos.customers.moveIdentities(duplicate.id, into.id);
    for (const kind of ['phone', 'email'] as const) {
      await repos.customers.settlePrimary(into.id, kind, null);
      await repos.customers.settlePrimary(duplicate.id, kind, null);
    }
    const movedContacts = await repos.customers.moveContacts(duplicate.id, into.id, at);
    const tags = await repos.customers.tagsOf([duplicate.id, into.id]);
    await repos.customers.setTags(into.id, normaliseTags([...(tags.get(into.id) ?? []), ...(tags.get(duplicate.id) ?? [])]));
    await repos.customers.setTags(duplicate.id, []);
    const tickets = await repos.customers.reassignTickets(duplicate.id, into.id);
    // The search index holds each ticket's customer name.
    await reindexTickets(repos, tickets);
    const survivor = {
      ...into,
      tier: into.tier ?? duplicate.tier,
      attributes: { ...duplicate.attributes, ...into.attributes },
      updatedAt: at,
    };
    await repos.customers.update(survivor);
    await repos.customers.update({ ...duplicate, mergedIntoId: into.id, updatedAt: at });
    // Customers merged into the duplicate earlier now lead straight to the survivor.
    await repos.customers.redirectMerged(duplicate.id, into.id);

    const moved = { tickets: tickets.length, identities, contacts: movedContacts };
    await repos.audit.record([
      auditEntry(actor, 'customer.merged', 'customer', duplicate.id, { into: into.id, ...moved }, at),
      auditEntry(actor, 'customer.merge_received', 'customer', into.id, { from: duplicate.id, ...moved }, at),
      ...tickets.map((ticketId) =>
        auditEntry(actor, 'ticket.customer_changed', 'ticket', ticketId, { from: duplicate.id, to: into.id, reason: 'customer_merge' }, at),
      ),
    ]);
    return { customer: await loadRecord(repos, actor, survivor), moved };
  });
}
