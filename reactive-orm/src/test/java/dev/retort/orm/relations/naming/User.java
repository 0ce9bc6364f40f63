package dev.retort.orm.relations.naming;

import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;

/** A top-level entity, so its generated metamodel is {@code User_} (what NotLoadedException's hint names). */
@Entity(table = "ld_nm_users")
class User {
    @Id Long id;
    @Column(length = 40) String name;

    @Relationship(backPopulates = "user", orderBy = "id")
    final ToMany<Post> posts = ToMany.of(this);
}
