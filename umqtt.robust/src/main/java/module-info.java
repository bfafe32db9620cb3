/** umqtt.robust (skeleton: filled in by its own issue). */
module umqtt.robust {
    requires umqtt.api;
}
