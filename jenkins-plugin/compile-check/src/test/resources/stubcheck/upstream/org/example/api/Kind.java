package org.example.api;

/** Planted upstream enum. */
public enum Kind {
    SMALL, LARGE;

    Kind() {
    }
}
