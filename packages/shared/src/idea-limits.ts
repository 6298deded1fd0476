/** How long an idea's fields may be: the API refuses more, and the web app's forms say so. */
export const IDEA_TITLE_MAX = 200
export const IDEA_SUMMARY_MAX = 2000
