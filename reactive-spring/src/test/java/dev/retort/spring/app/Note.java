package dev.retort.spring.app;

import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;

/** An ORM entity written by the transactional tests. */
@Entity(table = "notes")
public class Note {

    @Id
    @GeneratedValue
    public Integer id;

    public String text;

    Note() {
    }

    public Note(String text) {
        this.text = text;
    }
}
