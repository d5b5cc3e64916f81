// Stands in for the `server-only` marker package when tests import the data layer directly.
export {};
