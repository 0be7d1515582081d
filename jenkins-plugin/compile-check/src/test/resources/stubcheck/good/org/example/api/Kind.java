package org.example.api;

public enum Kind {
    SMALL
}
