import { accessMachine } from './access/access.machine.js';
import type { ActionDefinition, MachineDefinition, StateDefinition } from './machine.js';
import { validateMachine } from './validate-machine.js';

const open: StateDefinition = { title: 'Open', plain: 'We are working on it.', clock: 'running' };
const done: StateDefinition = { title: 'Done', plain: 'We answered.', clock: 'stopped', terminal: true };
const action = (title: string): ActionDefinition => ({ title, by: ['privacy_officer'], input: {} });

/** A minimal sound machine: open --finish--> done. Each test breaks one thing. */
function machine(overrides: Partial<MachineDefinition> = {}): MachineDefinition {
  return {
    type: 'notice_copy',
    title: 'Test machine',
    plainTitle: 'Test',
    citation: '45 CFR 164.520',
    initial: 'open',
    states: { open, done },
    transitions: { open: { finish: 'done' } },
    actions: { finish: action('Finish') },
    ...overrides,
  };
}

describe('validateMachine', () => {
  it('finds nothing wrong with a sound machine', () => {
    expect(validateMachine(machine())).toEqual([]);
  });

  it('finds nothing wrong with the access machine (45 CFR 164.524)', () => {
    expect(validateMachine(accessMachine)).toEqual([]);
  });

  it('reports a transition to an unknown state', () => {
    const broken = machine({
      transitions: { open: { finish: 'done', skip: 'nowhere' } },
      actions: { finish: action('Finish'), skip: action('Skip') },
    });
    expect(validateMachine(broken)).toEqual(['open --skip--> nowhere: unknown target state']);
  });

  it('reports a transition that uses an unknown action', () => {
    const broken = machine({ transitions: { open: { finish: 'done', zap: 'done' } } });
    expect(validateMachine(broken)).toEqual(['open --zap--> uses an unknown action']);
  });

  it('reports transitions from a state that does not exist', () => {
    const broken = machine({ transitions: { open: { finish: 'done' }, ghost: { finish: 'done' } } });
    expect(validateMachine(broken)).toEqual(['transitions from unknown state ghost']);
  });

  it('reports a state that cannot be reached from the initial state', () => {
    const broken = machine({ states: { open, orphan: open, done }, transitions: { open: { finish: 'done' }, orphan: { finish: 'done' } } });
    expect(validateMachine(broken)).toEqual(['state orphan cannot be reached']);
  });

  it('reports a terminal state with exits', () => {
    const broken = machine({ transitions: { open: { finish: 'done' }, done: { finish: 'open' } } });
    expect(validateMachine(broken)).toEqual(['terminal state done has exits: finish']);
  });

  it('reports a state from which no terminal state can be reached (a loop)', () => {
    const broken = machine({
      states: { open, stuck: open, done },
      transitions: { open: { finish: 'done', park: 'stuck' }, stuck: { park: 'stuck' } },
      actions: { finish: action('Finish'), park: action('Park') },
    });
    expect(validateMachine(broken)).toEqual(['no terminal state can be reached from stuck']);
  });

  it('reports a non-terminal state with no exits at all', () => {
    const broken = machine({
      states: { open, dead_end: open, done },
      transitions: { open: { finish: 'done', park: 'dead_end' } },
      actions: { finish: action('Finish'), park: action('Park') },
    });
    expect(validateMachine(broken)).toEqual(['no terminal state can be reached from dead_end']);
  });

  it('reports a machine with no terminal state', () => {
    const broken = machine({ states: { open, done: { ...done, terminal: false } } });
    expect(validateMachine(broken)).toEqual([
      'no terminal state',
      'no terminal state can be reached from open',
      'no terminal state can be reached from done',
    ]);
  });

  it('reports an action that no state allows', () => {
    const broken = machine({ actions: { finish: action('Finish'), spare: action('Spare') } });
    expect(validateMachine(broken)).toEqual(['action spare is never allowed']);
  });

  it('reports an initial state that is not a state, and the states it leaves unreachable', () => {
    const broken = machine({ initial: 'start' });
    expect(validateMachine(broken)).toEqual([
      'initial state start is not a state',
      'state open cannot be reached',
      'state done cannot be reached',
    ]);
  });

  it('reports every problem at once', () => {
    const broken = machine({
      initial: 'open',
      states: { open, orphan: open, done },
      transitions: { open: { finish: 'done', zap: 'nowhere' }, done: { finish: 'open' } },
      actions: { finish: action('Finish'), spare: action('Spare') },
    });
    expect(validateMachine(broken)).toEqual([
      'open --zap--> uses an unknown action',
      'open --zap--> nowhere: unknown target state',
      'terminal state done has exits: finish',
      'state orphan cannot be reached',
      'no terminal state can be reached from orphan',
      'action spare is never allowed',
    ]);
  });
});
