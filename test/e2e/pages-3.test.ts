// Every page at 1280, 390 and 320 px, part 3 of 3 (./page-sweep.ts).
import { describePageSweep } from './page-sweep'

describePageSweep(2)
