import { describe, expect, it } from 'vitest';
import { ownersInText } from '../../src/analysis/authorization/owners.js';

/* The columns that hold a relation to a user or tenant model are owner fields, whatever they are called. */

const fields = (text: string, model: string): string[] => [...(ownersInText(text).get(model) ?? ['(model not found)'])];

describe('owner fields: the columns of relations to a user or tenant', () => {
  it('Prisma: the scalar in `fields: [...]` of a relation to User, under a name of its own; not of a relation to another model', () => {
    const schema = `model Review {
  id         String  @id
  reviewer   User    @relation("Reviews", fields: [reviewerId], references: [id])
  reviewerId String
  product    Product @relation(fields: [productId], references: [id])
  productId  String
}
`;
    expect(fields(schema, 'review')).toEqual(['reviewer', 'reviewerId']);
  });

  it('Prisma: an optional relation, and a compound one', () => {
    const schema = `model Seat {
  id        Int           @id
  holder    Organization? @relation(fields: [holderOrg, holderKey], references: [id, key])
  holderOrg Int?
  holderKey String?
}
`;
    expect(fields(schema, 'seat')).toEqual(['holder', 'holderOrg', 'holderKey']);
  });

  it('TypeORM: the join column of a relation to User, and an id column named after such a relation', () => {
    const joined = `@Entity()
export class Shift {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => User)
  @JoinColumn({ name: 'assigned_to' })
  assignee: User;
  @ManyToOne(() => Site) site: Site;
  @Column() siteId: number;
}`;
    expect(fields(joined, 'shift')).toEqual(['assignee', 'assigned_to']);
    const named = `@Entity()
export class Visit {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Member) host: Member;
  @Column() hostId: string;
  @Column() siteId: string;
}`;
    expect(fields(named, 'visit')).toEqual(['host', 'hostId']);
  });
});
