package dev.retort.orm.processor;

import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;

/** An entity compiled by Maven's test compile, which runs {@link MetamodelProcessor} and generates {@code Sample_}. */
@Entity(table = "samples")
class Sample {

    @Id
    @GeneratedValue
    Long id;

    String name;
}
