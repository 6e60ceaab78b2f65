// Rules over a whole document, whatever its kind.
import type { AnyRule } from '../../rule';
import { duplicateKey } from './duplicate-key';

export const documentRules: AnyRule[] = [duplicateKey];
