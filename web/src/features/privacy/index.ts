// What other features use of privacy: the consent log on a contact's card.
export { ConsentSection } from './ConsentSection';
