import { z } from 'zod';
import { ROLES } from '../../auth/domain/actor.js';
import type { User } from '../persistence/users-repository.js';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  onDuty: z.boolean(),
  departments: z.array(z.string()).describe('department ids'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function presentUser(user: User): z.infer<typeof userSchema> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    onDuty: user.onDuty,
    departments: user.departmentIds,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
