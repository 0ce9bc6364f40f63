package dev.retort.orm.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.dialect.mysql.MySqlDialect;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.Sql;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Relation;
import org.junit.jupiter.api.Test;

/** The metamodel javac generated for {@link Sample}, {@link SampleUser} and {@link SamplePost} during the test compile, used at run time. */
class GeneratedMetamodelTest {

    @Test
    void constantsAreTheColumnsOfTheMapping() {
        Column<String> name = Sample_.NAME;

        assertThat(name).isSameAs(Mapping.mapperOf(Sample.class).attribute("name").column());
        assertThat(Sample_.ID).isSameAs(Mapping.mapperOf(Sample.class).attribute("id").column());
    }

    @Test
    void relationConstantsAreTheRelationshipsOfTheMapping() {
        Relation<SampleUser, SamplePost> posts = SampleUser_.POSTS;
        Mapper<SampleUser> users = Mapping.mapperOf(SampleUser.class);

        assertThat(posts).isSameAs(users.relation("posts"));
        assertThat(SampleUser_.REFERRER).isSameAs(users.relation("referrer"));
        assertThat(SampleUser_.REFERRALS).isSameAs(users.relation("referrals"));
        assertThat(SampleUser_.LOGINS).isSameAs(users.relation("logins"));
        assertThat(SamplePost_.USER).isSameAs(Mapping.mapperOf(SamplePost.class).relation("user"));
    }

    @Test
    void constantsBuildStatements() {
        String sql = Sql.select(Sample_.ID).where(Sample_.NAME.eq("x")).compile(MySqlDialect.forServer("8.0.36", false)).sql();

        assertThat(sql).isEqualTo("SELECT samples.id FROM samples WHERE samples.name = ?");
    }
}
