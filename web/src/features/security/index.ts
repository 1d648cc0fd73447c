// The security feature as other features see it: import from here, never from its files.
export { TwoFactorSetupFlow } from './TwoFactorSetupFlow';
