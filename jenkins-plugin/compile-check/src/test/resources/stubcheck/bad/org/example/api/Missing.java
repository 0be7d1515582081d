package org.example.api;

public interface Missing {
}
