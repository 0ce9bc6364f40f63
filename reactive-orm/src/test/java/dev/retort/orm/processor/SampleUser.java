package dev.retort.orm.processor;

import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.mapping.ToOne;
import dev.retort.orm.mapping.WriteOnly;

/**
 * An entity with relationships compiled by Maven's test compile, which generates {@code SampleUser_}
 * with its relation constants: a self-referential pair ({@code referrer}, {@code referrals}), a
 * one-to-many to {@link SamplePost} and a write-only collection of the nested {@link Login}.
 */
@Entity(table = "proc_users")
class SampleUser {

    @Id
    @GeneratedValue
    Long id;

    @ForeignKey(entity = SampleUser.class)
    Long referrerId;

    String name;

    @Relationship(backPopulates = "referrals")
    final ToOne<SampleUser> referrer = ToOne.of(this);

    @Relationship(backPopulates = "referrer")
    final ToMany<SampleUser> referrals = ToMany.of(this);

    @Relationship(backPopulates = "user")
    final ToMany<SamplePost> posts = ToMany.of(this);

    final WriteOnly<Login> logins = WriteOnly.of(this);

    /** A nested entity, the target of {@link SampleUser#logins}. */
    @Entity(table = "proc_logins")
    static class Login {

        @Id
        @GeneratedValue
        Long id;

        @ForeignKey(entity = SampleUser.class)
        Long userId;
    }
}
