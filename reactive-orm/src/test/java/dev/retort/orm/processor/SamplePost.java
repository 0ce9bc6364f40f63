package dev.retort.orm.processor;

import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToOne;

/** The many side of {@link SampleUser#posts}, compiled by Maven's test compile like {@link SampleUser}. */
@Entity(table = "proc_posts")
class SamplePost {

    @Id
    @GeneratedValue
    Long id;

    @ForeignKey(entity = SampleUser.class)
    Long userId;

    @Relationship(backPopulates = "posts")
    final ToOne<SampleUser> user = ToOne.of(this);
}
